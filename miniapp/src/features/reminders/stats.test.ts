import type { ReminderStats } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { chinaDay, rangeEndingToday, statsRows, statsTotals } from './stats';

const row = (over: Partial<ReminderStats['rows'][number]>): ReminderStats['rows'][number] => ({
  day: '2026-12-01',
  kind: 'EXPIRY',
  channel: 'SMS',
  sent: 0,
  delivered: 0,
  deferred: 0,
  failed: 0,
  suppressed: 0,
  clicked: 0,
  ...over,
});

const stats: ReminderStats = {
  from: '2026-11-25',
  to: '2026-12-01',
  rows: [
    row({ day: '2026-11-30', sent: 1200, delivered: 1188, deferred: 3, failed: 12, clicked: 300 }),
    row({ day: '2026-12-01', kind: 'CONVERSION', channel: 'SMS', sent: 10, delivered: 9, suppressed: 2 }),
    row({ day: '2026-12-01', kind: 'EXPIRY', channel: 'IN_APP', sent: 0, deferred: 4 }),
    row({ day: '2026-12-01', kind: 'EXPIRY', channel: 'SMS', sent: 4, delivered: 4, clicked: 1 }),
  ],
  totals: {
    sent: 1214,
    delivered: 1201,
    failed: 12,
    suppressed: 2,
    clicked: 301,
    deliveryRate: 1201 / 1214,
    clickRate: 301 / 1214,
    sms: { sent: 1214, delivered: 1201, failed: 12 },
    wechat: { sent: 40, delivered: 37, failed: 2 },
  },
};

describe('reminder statistics', () => {
  it('China days and the range ending today', () => {
    expect(chinaDay(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02');
    expect(rangeEndingToday(7, new Date('2026-12-01T03:00:00Z'))).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(rangeEndingToday(1, new Date('2026-12-01T03:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('rows newest day first, then kind and channel in the contract order, with labels and delivery rate', () => {
    const rows = statsRows(stats);
    expect(rows.map((r) => [r.day, r.kind, r.channel])).toEqual([
      ['12-01', '证照即将到期', '短信'],
      ['12-01', '证照即将到期', '消息中心'],
      ['12-01', '换领电子证照', '短信'],
      ['11-30', '证照即将到期', '短信'],
    ]);
    expect(rows[3]).toMatchObject({ sent: '1,200', delivered: '1,188', deliveryRate: '99.0%', clicked: '300' });
    expect(rows[1]?.deliveryRate).toBe('—');
  });

  it('totals with delivery and click-through rates; deferred summed from the rows', () => {
    const totals = statsTotals(stats);
    expect(totals.deliveryRate).toBe('98.9%');
    expect(totals.clickRate).toBe('24.8%');
    expect(totals.facts).toContainEqual({ label: '推迟发送', value: '7' });
    expect(totals.facts).toContainEqual({ label: '微信通知送达', value: '37 / 40' });
    expect(totals.facts).toContainEqual({ label: '微信通知失败', value: '2' });
    expect(
      statsTotals({ ...stats, rows: [], totals: { ...stats.totals, deliveryRate: null, clickRate: null } })
        .deliveryRate,
    ).toBe('暂无');
  });
});
