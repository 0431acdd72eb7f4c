import { describe, expect, it } from 'vitest';
import { asRateRows, eventLabel, formatLag } from './figures';

describe('aggregation figures', () => {
  it('formats lags in seconds, minutes and hours', () => {
    expect([formatLag(870), formatLag(95_000), formatLag(7_200_000), formatLag(null)]).toEqual([
      '0.9 秒',
      '1.6 分钟',
      '2.0 小时',
      '—',
    ]);
  });

  it('names the outbox events in Chinese and shows an unknown one as it is', () => {
    expect([eventLabel('STATUS'), eventLabel('RECONCILE'), eventLabel('NEW_KIND')]).toEqual([
      '状态变更',
      '对账补传',
      'NEW_KIND',
    ]);
  });

  it('draws acknowledged certificates where the compliance bars draw compliant ones', () => {
    const row = { key: 'D071', label: '从业资格证', total: 10, acknowledged: 7, rate: 0.7 };
    expect(asRateRows([row])[0]).toMatchObject({ compliant: 7, total: 10, rate: 0.7 });
  });
});
