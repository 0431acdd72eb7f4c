import { describe, expect, it } from 'vitest';
import { offlineOutcome, onlineOutcome } from './scan-result';

const claims = {
  alg: 'SM2-SM3' as const,
  kid: '0a0b0c0d',
  certificateId: 'c',
  typeCode: 'D071',
  status: 'VALID' as const,
  epoch: 0,
  statusIndex: 1,
  notBefore: 0,
  notAfter: 30,
  validUntil: '2030-01-01',
  holderNameMasked: '王*',
  numberMasked: '4401**3532',
};

describe('a check as the scanner shows it', () => {
  it('labels an online check, and a staff view as such', () => {
    const base = {
      verdict: 'VALID' as const,
      reason: '证照有效',
      certificate: null,
      fieldsShown: [],
      checkedAt: '2026-11-27T10:00:00.000Z',
      token: null,
    };
    expect(onlineOutcome({ ...base, scope: 'anonymous' })).toMatchObject({
      source: '在线核验',
      caution: null,
      rows: [],
    });
    expect(onlineOutcome({ ...base, scope: 'staff' }).source).toBe('在线核验 · 工作人员视图');
  });

  it('says how fresh the status list behind an offline "valid" is, and warns when it is old or missing', () => {
    const fresh = offlineOutcome(
      { verdict: 'VALID', reason: '证照有效', claims, statusListUsed: true },
      { label: '5分钟前更新', stale: false },
    );
    expect(fresh).toMatchObject({ source: '离线核验 · 状态清单5分钟前更新', caution: null });
    expect(fresh.rows[1]).toEqual({ label: '持证人', value: '王*' });
    expect(
      offlineOutcome(
        { verdict: 'VALID', reason: '', claims, statusListUsed: true },
        { label: '2天前更新', stale: true },
      ).caution,
    ).toContain('状态清单已过期');
    expect(
      offlineOutcome(
        { verdict: 'VALID', reason: '', claims, statusListUsed: false },
        { label: '尚未下载', stale: true },
      ),
    ).toMatchObject({ source: '离线核验', caution: expect.stringContaining('无法得知') });
  });

  it('shows no face for a token that could not be trusted, and no caution on a negative verdict', () => {
    expect(
      offlineOutcome(
        { verdict: 'INVALID', reason: 'x', claims: null, statusListUsed: false },
        { label: '', stale: true },
      ),
    ).toMatchObject({ rows: [], caution: null });
  });
});
