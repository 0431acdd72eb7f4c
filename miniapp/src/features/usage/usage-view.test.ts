import type { UsageItem } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { toUsageEntries, toUsageRow, toUsageRows } from './usage-view';

process.env.TZ = 'Asia/Shanghai';

const item = (overrides: Partial<UsageItem>): UsageItem => ({
  id: 'e1',
  certificateId: 'c1',
  at: '2026-11-27T02:05:00.000Z',
  channel: 'QR_PORTAL',
  channelLabel: '扫码核验（网页）',
  verifierRole: 'anonymous',
  verifierLabel: '匿名扫码者',
  partnerName: null,
  shareId: null,
  result: 'VALID',
  resultLabel: '有效',
  fieldsShown: ['type', 'status'],
  fieldsShownLabels: ['证照类型', '证照状态'],
  ...overrides,
});

describe('用证记录 rows', () => {
  it('says when, how, who and which fields were shown', () => {
    expect(toUsageRow(item({}), new Date('2026-11-27T08:00:00.000Z'))).toEqual({
      key: 'e1',
      certificate: null,
      when: '今天 10:05',
      channel: '扫码核验',
      channelDetail: '手机相机扫码',
      who: '匿名扫码者',
      result: '有效',
      resultTone: 'ok',
      fields: '证照类型、证照状态',
    });
  });

  it('names the four channels as people know them', () => {
    const channels = (['QR_MINIAPP', 'QR_OFFLINE_SYNC', 'LOOKUP', 'PARTNER_API', 'SHARE_OPEN'] as const).map(
      (channel) => toUsageRow(item({ channel })).channel,
    );
    expect(channels).toEqual(['扫码核验', '扫码核验', '查询', '合作方接口', '分享打开']);
  });

  it('shows the partner by name and marks failed checks', () => {
    const row = toUsageRow(
      item({
        channel: 'PARTNER_API',
        verifierRole: 'partner:FREIGHT_PLATFORM',
        verifierLabel: '合作机构',
        partnerName: '某网络货运平台',
        result: 'NOT_VALID',
        resultLabel: '无效',
      }),
    );
    expect(row).toMatchObject({ who: '某网络货运平台', result: '无效', resultTone: 'problem' });
  });

  it('says so when no field was shown (e.g. a lookup that matched nothing)', () => {
    expect(toUsageRow(item({ channel: 'LOOKUP', fieldsShown: [], fieldsShownLabels: [] })).fields).toBe(
      '未显示证照信息',
    );
  });

  it("names each record's certificate on the list of all certificates, and none on one certificate's list", () => {
    const items = [
      item({ id: 'a', certificateId: 'c1' }),
      item({ id: 'b', certificateId: 'c2' }),
      item({ id: 'c', certificateId: 'gone' }),
    ];
    const names = new Map([
      ['c1', '道路运输证 粤A3K7Q2'],
      ['c2', '经营许可证'],
    ]);
    expect(toUsageEntries(items, names).map((entry) => entry.certificate)).toEqual([
      '道路运输证 粤A3K7Q2',
      '经营许可证',
      '证照',
    ]);
    expect(toUsageEntries(items, null).map((entry) => entry.certificate)).toEqual([null, null, null]);
  });

  it('merges several certificates newest first, each record once, saying which certificate', () => {
    const rows = toUsageRows([
      { item: item({ id: 'old', at: '2026-11-01T00:00:00.000Z' }), certificate: '经营许可证' },
      { item: item({ id: 'new', at: '2026-11-27T00:00:00.000Z' }), certificate: '道路运输证 粤A3K7Q2' },
      { item: item({ id: 'old', at: '2026-11-01T00:00:00.000Z' }), certificate: '经营许可证' },
    ]);
    expect(rows.map((row) => [row.key, row.certificate])).toEqual([
      ['new', '道路运输证 粤A3K7Q2'],
      ['old', '经营许可证'],
    ]);
  });
});
