import type { ComplianceRateRow } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { barsHeight, carrierOption, rateAxisMin, rateBarsOption, toneColours, trendOption } from './chart-options';

const rows: ComplianceRateRow[] = [
  { key: 'D071', label: '从业资格证', total: 200, compliant: 196, rate: 0.98 },
  { key: 'D013', label: '道路运输证', total: 100, compliant: 80, rate: 0.8 },
  { key: 'D008', label: '经营许可证', total: 0, compliant: 0, rate: null },
];

/** The first series of an option, loosely typed for reading. */
function series(option: object): Record<string, unknown> {
  const list = (option as { series: Record<string, unknown>[] }).series;
  return list[0]!;
}

describe('trendOption', () => {
  const trend = [
    { day: '2026-12-01', total: 100, compliant: 90, rate: 0.9 },
    { day: '2026-12-02', total: 100, compliant: 93, rate: 0.93 },
    { day: '2026-12-03', total: 100, compliant: null as unknown as number, rate: null },
  ];

  it('plots the daily rate in percent with the target as a dashed line', () => {
    const option = trendOption(trend, 0.95);
    expect((option.xAxis as { data: string[] }).data).toEqual(['12-01', '12-02', '12-03']);
    const line = series(option);
    expect(line.type).toBe('line');
    expect(line.data).toEqual([90, 93, null]);
    expect((line.markLine as { data: unknown[] }).data).toEqual([{ yAxis: 95 }]);
  });

  it('starts the axis a little under the lowest value or the target', () => {
    expect(rateAxisMin([0.9, 0.93, null], 0.95)).toBe(85);
    expect(rateAxisMin([0.99], 0.95)).toBe(90);
    expect(rateAxisMin([0.02], 0.95)).toBe(0);
    expect((trendOption(trend, 0.95).yAxis as { min: number }).min).toBe(85);
  });
});

describe('rateBarsOption', () => {
  it('draws one bar per row, top to bottom in the given order, coloured against the target', () => {
    const option = rateBarsOption(rows, 0.95);
    expect((option.yAxis as { data: string[] }).data).toEqual(['经营许可证', '道路运输证', '从业资格证']);
    expect(series(option).data).toEqual([
      { value: 0, itemStyle: { color: toneColours.none } },
      { value: 80, itemStyle: { color: toneColours.low } },
      { value: 98, itemStyle: { color: toneColours.ok } },
    ]);
  });

  it('labels each bar with its rate and the tooltip with the counts', () => {
    const bars = series(rateBarsOption(rows, 0.95));
    const label = bars.label as { formatter: (p: { dataIndex: number }) => string };
    expect(label.formatter({ dataIndex: 2 })).toBe('98.0%');
    expect(label.formatter({ dataIndex: 0 })).toBe('—');
    const tooltip = rateBarsOption(rows, 0.95).tooltip as { formatter: (p: { dataIndex: number }) => string };
    expect(tooltip.formatter({ dataIndex: 1 })).toBe('道路运输证<br/>80.0%（80/100）');
  });
});

describe('carrierOption', () => {
  it('splits the certificates by carrier, each with its count and rate in the legend', () => {
    const carriers: ComplianceRateRow[] = [
      { key: 'PAPER', label: '纸质证', total: 60, compliant: 54, rate: 0.9 },
      { key: 'ELECTRONIC', label: '电子证照', total: 40, compliant: 40, rate: 1 },
    ];
    const option = carrierOption(carriers);
    expect(series(option).data).toEqual([
      { name: '纸质证', value: 60 },
      { name: '电子证照', value: 40 },
    ]);
    const legend = option.legend as { formatter: (name: string) => string };
    expect(legend.formatter('电子证照')).toBe('电子证照 40本 · 合规100.0%');
    expect(legend.formatter('其他')).toBe('其他');
    const tooltip = option.tooltip as { formatter: (p: { dataIndex: number }) => string };
    expect(tooltip.formatter({ dataIndex: 0 })).toBe('纸质证<br/>60本，合规率 90.0%');
  });
});

describe('barsHeight', () => {
  it('grows with the rows, within bounds', () => {
    expect(barsHeight(1)).toBe(120);
    expect(barsHeight(9)).toBe(276);
    expect(barsHeight(100)).toBe(640);
  });
});
