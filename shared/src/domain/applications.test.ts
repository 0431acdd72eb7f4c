import { describe, expect, it } from 'vitest';
import { applicationStateList, applicationTransitions, canTransition } from './applications';

describe('the application state machine', () => {
  it('allows exactly the transitions in the table', () => {
    const legal = applicationStateList.flatMap((from) =>
      applicationStateList.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(legal.sort()).toEqual(
      [
        'DRAFT→SUBMITTED',
        'SUBMITTED→IN_REVIEW',
        'SUBMITTED→APPROVED',
        'SUBMITTED→RETURNED',
        'SUBMITTED→REJECTED',
        'IN_REVIEW→APPROVED',
        'IN_REVIEW→RETURNED',
        'IN_REVIEW→REJECTED',
        'APPROVED→ISSUED',
        'RETURNED→SUBMITTED',
      ].sort(),
    );
  });

  it('refuses skipping, going back and leaving a final state', () => {
    for (const [from, to] of [
      ['DRAFT', 'APPROVED'],
      ['DRAFT', 'ISSUED'],
      ['SUBMITTED', 'DRAFT'],
      ['RETURNED', 'APPROVED'],
      ['REJECTED', 'SUBMITTED'],
      ['ISSUED', 'APPROVED'],
      ['APPROVED', 'REJECTED'],
    ] as const) {
      expect(canTransition(from, to), `${from}→${to}`).toBe(false);
    }
    expect(applicationTransitions.REJECTED).toEqual([]);
    expect(applicationTransitions.ISSUED).toEqual([]);
  });
});
