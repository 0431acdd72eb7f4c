import type { ComplianceRateRow, ComplianceRates } from '@roadcert/shared';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatRate, rateTone, type RateTone } from './rates';

/**
 * ECharts options of the 数据合规 dashboard, built from the rates answer without touching
 * ECharts itself (type imports only), so they are tested in Node and the library loads only
 * where a chart is drawn (components/EChart.h5.tsx).
 */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;

/** Bar colours by tone: the same green / amber / red as the badges, each ≥ 3:1 on white. */
export const toneColours: Record<RateTone, string> = {
  ok: '#2e7d32',
  near: '#b26a00',
  low: '#b3261e',
  none: '#8a919c',
};

const BRAND = '#1f4e9c';
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function targetLine(target: number, axis: 'x' | 'y'): MarkLineComponentOption {
  const value = percent(target) ?? 95;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: '#b3261e', type: 'dashed' },
    label: { formatter: `目标 ${value}%`, position: axis === 'y' ? 'insideEndTop' : 'end' },
    data: [axis === 'y' ? { yAxis: value } : { xAxis: value }],
  };
}

/** The y range: from a little under the lowest value (and the target) to 100, so small changes show. */
export function rateAxisMin(values: (number | null)[], target: number): number {
  const lowest = Math.min(target, ...values.filter((v): v is number => v !== null));
  return Math.max(0, Math.floor((lowest * 100 - 5) / 5) * 5);
}

/** 趋势: the daily rate (last finished run of each day) against the target. */
export function trendOption(trend: ComplianceRates['trend'], target: number): ChartOption {
  return {
    grid: { left: 44, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : '—') },
    xAxis: { type: 'category', data: trend.map((point) => point.day.slice(5)), boundaryGap: false },
    yAxis: {
      type: 'value',
      min: rateAxisMin(
        trend.map((point) => point.rate),
        target,
      ),
      max: 100,
      axisLabel: { formatter: '{value}%' },
    },
    series: [
      {
        type: 'line',
        name: '合规率',
        data: trend.map((point) => percent(point.rate)),
        connectNulls: true,
        symbolSize: 6,
        lineStyle: { color: BRAND, width: 2 },
        itemStyle: { color: BRAND },
        markLine: targetLine(target, 'y'),
      },
    ],
  };
}

/**
 * 分类型 / 分地区: one horizontal bar per row (labels stay readable on a phone), coloured by how
 * it stands against the target, the rate and the count written at the bar's end.
 */
export function rateBarsOption(rows: ComplianceRateRow[], target: number): ChartOption {
  const shown = [...rows].reverse(); // ECharts draws the first category at the bottom
  return {
    // Room above for the target line's label, at the right for each bar's rate.
    grid: { left: 8, right: 64, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const row = shown[(params as { dataIndex: number }).dataIndex];
        return row ? `${row.label}<br/>${formatRate(row.rate)}（${row.compliant}/${row.total}）` : '';
      },
    },
    // 0 / 50 / 100 only: five labels collide on a 360-px phone.
    xAxis: { type: 'value', min: 0, max: 100, interval: 50, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: shown.map((row) => row.label), axisLabel: { width: 104, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '合规率',
        barMaxWidth: 18,
        data: shown.map((row) => ({
          value: percent(row.rate) ?? 0,
          itemStyle: { color: toneColours[rateTone(row.rate, target)] },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (params) => formatRate(shown[params.dataIndex]?.rate ?? null),
        },
        markLine: targetLine(target, 'x'),
      },
    ],
  };
}

/**
 * 载体: how the certificates in scope split between paper, IC card and electronic. The rate of
 * each is written in the legend (labels around the ring do not fit a 360-px phone).
 */
export function carrierOption(rows: ComplianceRateRow[]): ChartOption {
  const legendText = (name: string) => {
    const row = rows.find((candidate) => candidate.label === name);
    return row ? `${row.label} ${row.total}本 · 合规${formatRate(row.rate)}` : name;
  };
  return {
    color: ['#1f4e9c', '#6b8fd1', '#b8c7e6'],
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const row = rows[(params as { dataIndex: number }).dataIndex];
        return row ? `${row.label}<br/>${row.total}本，合规率 ${formatRate(row.rate)}` : '';
      },
    },
    legend: { bottom: 0, orient: 'vertical', formatter: legendText },
    series: [
      {
        type: 'pie',
        name: '载体',
        radius: ['35%', '60%'],
        center: ['50%', '38%'],
        data: rows.map((row) => ({ name: row.label, value: row.total })),
        label: { show: false },
      },
    ],
  };
}

/** Height of a bar chart for n rows: enough for each label, capped for long area lists. */
export function barsHeight(count: number): number {
  return Math.min(640, Math.max(120, 28 * count + 24));
}
