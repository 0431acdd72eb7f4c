import { describe, expect, it } from 'vitest';
import { certificateTypeCodes } from '../registry/type-codes';
import { applicationKindList, applicationRequirements, applicationStateList, applicationTransitions, canTransition, returnApplicationRequestSchema, submitApplicationRequestSchema, validateApplicationForm } from './application';

describe('the application state machine', () => {
  it('allows exactly the transitions in the table', () => {
    const legal = applicationStateList.flatMap((from) => applicationStateList.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(legal.sort()).toEqual(
      ['DRAFT→SUBMITTED', 'SUBMITTED→IN_REVIEW', 'SUBMITTED→APPROVED', 'SUBMITTED→RETURNED', 'SUBMITTED→REJECTED', 'IN_REVIEW→APPROVED', 'IN_REVIEW→RETURNED', 'IN_REVIEW→REJECTED', 'APPROVED→ISSUED', 'RETURNED→SUBMITTED'].sort(),
    );
  });

  it('refuses skipping, going back and leaving a final state', () => {
    for (const [from, to] of [['DRAFT', 'APPROVED'], ['DRAFT', 'ISSUED'], ['SUBMITTED', 'DRAFT'], ['RETURNED', 'APPROVED'], ['REJECTED', 'SUBMITTED'], ['ISSUED', 'APPROVED'], ['APPROVED', 'REJECTED']] as const) {
      expect(canTransition(from, to), `${from}→${to}`).toBe(false);
    }
    expect(applicationTransitions.REJECTED).toEqual([]);
    expect(applicationTransitions.ISSUED).toEqual([]);
  });
});

describe('一次性告知', () => {
  it('has a complete list for every type and kind', () => {
    for (const type of certificateTypeCodes) {
      for (const kind of applicationKindList) {
        const r = applicationRequirements(type, kind);
        expect(r.documents.length, `${type} ${kind}`).toBeGreaterThan(0);
        expect(r.conditions.length).toBeGreaterThan(0);
        expect(r.fees.length).toBeGreaterThan(0);
      }
    }
    expect(applicationRequirements('D071', 'RENEWAL').conditions.some((c) => c.text.includes('180'))).toBe(true);
    expect(applicationRequirements('D071', 'CONVERSION').photo).not.toBeNull();
    expect(applicationRequirements('D013', 'CONVERSION').photo).toBeNull();
    expect(applicationRequirements('D074', 'INITIAL').documents.every((d) => !d.confirmed)).toBe(true);
  });
});

describe('request schemas', () => {
  it('needs at least one return reason and a sane idempotency key', () => {
    expect(returnApplicationRequestSchema.safeParse({ reasons: {} }).success).toBe(false);
    expect(returnApplicationRequestSchema.safeParse({ reasons: { licenceClasses: '请更正' } }).success).toBe(true);
    expect(submitApplicationRequestSchema.safeParse({ idempotencyKey: 'short' }).success).toBe(false);
    expect(submitApplicationRequestSchema.safeParse({ idempotencyKey: '0b6f7c1e-7a4e-4c1a-9a55-2f1f0b1d2c3e' }).success).toBe(true);
  });
});

describe('validateApplicationForm', () => {
  it('checks declared fields with the shared validators and leaves other keys alone', () => {
    expect(validateApplicationForm('D071', { holderName: '张伟', licenceClasses: 'A2', firstIssuedDate: '2009-05-20' })).toEqual({});
    expect(Object.keys(validateApplicationForm('D071', { licenceClasses: 'Z9', firstIssuedDate: '2009-02-30', qualificationCategories: 'xx' })).sort()).toEqual(['firstIssuedDate', 'licenceClasses', 'qualificationCategories']);
    expect(validateApplicationForm('D071', { licenceClasses: 3 })).toHaveProperty('licenceClasses');
  });
});
