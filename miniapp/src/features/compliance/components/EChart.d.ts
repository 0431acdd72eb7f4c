import type { ChartOption } from '../chart-options';

/**
 * One Apache ECharts chart. Per platform: EChart.h5.tsx draws it into a DOM div, loading
 * ECharts lazily (its own chunk, fetched only by a page that draws a chart); EChart.weapp.tsx
 * draws nothing — the workbench is portal-only and the mini-program must never carry ECharts.
 */
export interface EChartProps {
  option: ChartOption;
  /** CSS pixels. */
  height: number;
  /** Read aloud instead of the picture (the figures are also in the tables beside it). */
  label: string;
}
export declare function EChart(props: EChartProps): JSX.Element;
