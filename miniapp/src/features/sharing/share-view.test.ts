import type { ShareSummary } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { closedShareView, purposeLine, toShareRow, toShareRows } from './share-view';

process.env.TZ = 'Asia/Shanghai';

const truck = {
  id: 'c1',
  typeCode: 'D013',
  typeName: '道路运输证',
  numberMasked: '粤交运管穗字440100000001号',
  plateNumber: '粤A3K7Q2',
};
const share = (overrides: Partial<ShareSummary>): ShareSummary => ({
  id: 's1',
  purposeCode: 'TRANSPORT_CONTRACT',
  purposeLabel: '运输合同',
  purposeText: '',
  recipientName: '广州货主有限公司',
  watermarkText: '仅供运输合同使用',
  operatorName: null,
  state: 'ACTIVE',
  expiresAt: '2026-12-04T02:00:00.000Z',
  revokedAt: null,
  createdAt: '2026-11-27T02:00:00.000Z',
  openCount: 0,
  lastOpenedAt: null,
  certificates: [truck],
  ...overrides,
});

describe('my shares', () => {
  it('shows purpose, recipient, what was shared, expiry and openings', () => {
    expect(toShareRow(share({}), new Date('2026-11-27T03:00:00.000Z'))).toEqual({
      id: 's1',
      purpose: '运输合同',
      recipient: '广州货主有限公司',
      what: '道路运输证（粤A3K7Q2）',
      state: 'ACTIVE',
      stateLabel: '有效',
      expiry: '2026年12月04日 10:00到期',
      openings: '尚未被打开',
      revocable: true,
    });
  });

  it("counts an operator's set and its openings", () => {
    const row = toShareRow(
      share({
        operatorName: '广州顺达物流有限公司',
        certificates: [truck, { ...truck, id: 'c2' }, { ...truck, id: 'c3' }],
        openCount: 2,
        lastOpenedAt: '2026-11-27T03:00:00.000Z',
      }),
      new Date('2026-11-27T04:00:00.000Z'),
    );
    expect(row.what).toBe('广州顺达物流有限公司 · 3张证照');
    expect(row.openings).toBe('被打开 2 次，最近 今天 11:00');
  });

  it('says when a link was revoked or expired, and only an open one can be revoked', () => {
    const revoked = toShareRow(share({ state: 'REVOKED', revokedAt: '2026-11-28T01:00:00.000Z' }));
    expect(revoked).toMatchObject({ stateLabel: '已撤销', expiry: '已于2026年11月28日 09:00撤销', revocable: false });
    expect(toShareRow(share({ state: 'EXPIRED', recipientName: null }))).toMatchObject({
      expiry: '已于2026年12月04日 10:00过期',
      recipient: '未填写接收方',
      revocable: false,
    });
  });

  it('adds the free text of 其他 to the purpose', () => {
    expect(purposeLine({ purposeCode: 'OTHER', purposeLabel: '其他', purposeText: '资质审核' })).toBe('其他：资质审核');
    expect(purposeLine({ purposeCode: 'INSURANCE', purposeLabel: '保险', purposeText: '保险' })).toBe('保险');
  });

  it('lists open links first, newest first', () => {
    const rows = toShareRows([
      share({ id: 'old-open', createdAt: '2026-11-01T00:00:00.000Z' }),
      share({ id: 'revoked', state: 'REVOKED', createdAt: '2026-11-27T00:00:00.000Z' }),
      share({ id: 'new-open', createdAt: '2026-11-20T00:00:00.000Z' }),
    ]);
    expect(rows.map((row) => row.id)).toEqual(['new-open', 'old-open', 'revoked']);
  });

  it('tells the recipient of a dead link why it shows nothing, and leaves passing errors to a retry', () => {
    expect(closedShareView('SHARE_REVOKED')?.title).toBe('分享已撤销');
    expect(closedShareView('SHARE_EXPIRED')?.title).toBe('分享已过期');
    expect(closedShareView('NOT_FOUND')?.title).toBe('链接无效');
    expect(closedShareView('NETWORK')).toBeNull();
    expect(closedShareView('INTERNAL')).toBeNull();
  });
});
