import { getCertificateType, type AggregationRateRow, type AggregationSummary } from '@roadcert/shared';
import { regionLabel } from '../../lib/regions';
import type { AggregationRepo, RateCell } from './aggregation.repo';
import type { BreakerState } from './circuit-breaker';

/** The notice's target for the aggregation rate (归集率 ≥ 95 % by the end of 2025). */
export const AGGREGATION_TARGET = 0.95;
/** Change → acknowledgement p99 above this is an alert (the worker retries for minutes before an entry is dead). */
export const LAG_ALERT_MS = 15 * 60_000;

type Alert = AggregationSummary['alerts'][number];

/** The alerts of a summary: the dashboard's banner, and the reconciliation job's log line. */
export function alertsOf(s: Omit<AggregationSummary, 'alerts'>): Alert[] {
  const alerts: Alert[] = [];
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  if (s.overall.rate !== null && s.overall.rate < AGGREGATION_TARGET)
    alerts.push({
      code: 'RATE_BELOW_TARGET',
      message: `归集率${pct(s.overall.rate)}，低于${pct(AGGREGATION_TARGET)}的目标`,
    });
  if (s.lag.p99Ms !== null && s.lag.p99Ms > LAG_ALERT_MS)
    alerts.push({ code: 'LAG_HIGH', message: `归集延迟P99为${Math.round(s.lag.p99Ms / 60_000)}分钟，超过15分钟` });
  if (s.queue.dead > 0) alerts.push({ code: 'DEAD_LETTERS', message: `${s.queue.dead}条归集失败，需要补传` });
  if (s.breaker === 'open' || s.breaker === 'half-open')
    alerts.push({ code: 'RECEIVER_DOWN', message: '部级接收端不可用，归集已暂停并将自动重试' });
  return alerts;
}

const STAND_IN_LABEL = '本地模拟部级接收端（非真实部级系统）';

function rows(cells: RateCell[], keyOf: (c: RateCell) => string, label: (k: string) => string): AggregationRateRow[] {
  const groups = new Map<string, { total: number; acknowledged: number }>();
  for (const c of cells) {
    const g = groups.get(keyOf(c)) ?? { total: 0, acknowledged: 0 };
    g.total += c.total;
    g.acknowledged += c.acknowledged;
    groups.set(keyOf(c), g);
  }
  return [...groups]
    .map(([key, g]) => ({ key, label: label(key), ...g, rate: g.total > 0 ? g.acknowledged / g.total : null }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

/** What the figures are read from: the repo, where aggregation goes, the in-process worker's breaker. */
export type FigureSource = {
  repo: AggregationRepo;
  target: () => 'ministry' | 'stand-in';
  worker: () => { breaker: { state: () => BreakerState } } | null;
};

/** The aggregation figures of a region prefix ('' = everything): rate by type and region, lag, queue, failures, alerts. */
export async function figuresFor(m: FigureSource, prefix: string): Promise<AggregationSummary> {
  const { repo } = m;
  const [cells, lag, queue, failures] = await Promise.all([
    repo.rateCells(prefix),
    repo.lag(prefix),
    repo.queue(prefix),
    repo.failures(prefix),
  ]);
  const child = prefix.length < 4 ? 4 : 6;
  const overall = rows(
    cells,
    () => prefix,
    (k) => regionLabel(k),
  );
  const target = m.target();
  const figures = {
    target,
    targetLabel: target === 'stand-in' ? STAND_IN_LABEL : '部级电子证照系统',
    areaPrefix: prefix,
    target95: AGGREGATION_TARGET,
    overall: overall[0] ?? { key: prefix, label: regionLabel(prefix), total: 0, acknowledged: 0, rate: null },
    byType: rows(
      cells,
      (c) => c.typeCode,
      (k) => getCertificateType(k)?.name ?? k,
    ),
    byRegion: rows(
      cells,
      (c) => c.areaCode.slice(0, child),
      (k) => regionLabel(k),
    ),
    lag: {
      acknowledged: lag.n,
      p50Ms: lag.p50 === null ? null : Math.round(lag.p50),
      p99Ms: lag.p99 === null ? null : Math.round(lag.p99),
    },
    queue,
    failures: failures.map((f) => ({ reason: f.reason || 'UNKNOWN', retrying: f.retrying, dead: f.dead })),
    breaker: m.worker()?.breaker.state() ?? null,
  };
  return { ...figures, alerts: alertsOf(figures) };
}
