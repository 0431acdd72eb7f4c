import { describe, expect, it } from 'vitest';
import { isPresentable } from './presentable';

const activated = {
  carrier: 'ELECTRONIC' as const,
  activated: true,
  status: 'VALID' as const,
  validUntil: '2030-01-01',
};

describe('亮证 button', () => {
  it('is offered for an activated, valid electronic certificate within its validity', () => {
    expect(isPresentable(activated, '2026-11-27')).toBe(true);
    expect(isPresentable({ ...activated, validUntil: null }, '2026-11-27')).toBe(true);
    expect(isPresentable({ ...activated, validUntil: '2026-11-27' }, '2026-11-27')).toBe(true);
  });

  it('is not offered for paper or IC cards, before activation, when not valid or past the validity end', () => {
    expect(isPresentable({ ...activated, carrier: 'PAPER' }, '2026-11-27')).toBe(false);
    expect(isPresentable({ ...activated, carrier: 'IC_CARD' }, '2026-11-27')).toBe(false);
    expect(isPresentable({ ...activated, activated: false }, '2026-11-27')).toBe(false);
    expect(isPresentable({ ...activated, status: 'REVOKED' }, '2026-11-27')).toBe(false);
    expect(isPresentable({ ...activated, validUntil: '2026-11-26' }, '2026-11-27')).toBe(false);
  });

  it("is not offered to an operator's 查看人员; its MANAGER and a 随车人员 get it", () => {
    expect(isPresentable({ ...activated, operatorRole: 'VIEWER' }, '2026-11-27')).toBe(false);
    expect(isPresentable({ ...activated, operatorRole: 'MANAGER' }, '2026-11-27')).toBe(true);
    expect(isPresentable({ ...activated, operatorRole: 'DRIVER' }, '2026-11-27')).toBe(true);
  });
});
