import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../../lib/logger';
import type { AggregationRepo } from './aggregation.repo';
import type { MonitoringRepo } from './monitoring.repo';

/** How long one reading of the database serves scrapes (several Prometheus servers, several processes). */
export const METRICS_CACHE_MS = 5_000;

const reconciliationStates = ['RUNNING', 'MATCHED', 'REQUEUED', 'FAILED'] as const;
const breakerStates = ['closed', 'open', 'half-open'] as const;

async function readSnapshot(repo: AggregationRepo, monitoring: MonitoringRepo) {
  const [cells, lag, failures, outbox, workers, reconciliation] = await Promise.all([
    repo.rateCells(''),
    repo.lag(''),
    repo.failures(''),
    monitoring.outboxByState(),
    monitoring.liveWorkers(),
    monitoring.latestReconciliation(),
  ]);
  const byType = new Map<string, { total: number; acknowledged: number }>();
  for (const c of cells) {
    const t = byType.get(c.typeCode) ?? { total: 0, acknowledged: 0 };
    t.total += c.total;
    t.acknowledged += c.acknowledged;
    byType.set(c.typeCode, t);
  }
  return { byType, lag, failures, outbox, workers, reconciliation };
}

type Snapshot = Awaited<ReturnType<typeof readSnapshot>>;

/**
 * The aggregation gauges of GET /metrics (docs/aggregation.md, "Metrics"), read from PostgreSQL at
 * scrape time — one reading at most every METRICS_CACHE_MS, shared by every gauge — so whichever
 * process a scrape reaches answers the same. Labels carry codes only (type code, state, reason).
 */
export function registerAggregationMetrics(
  registry: Registry,
  deps: { repo: AggregationRepo; monitoring: MonitoringRepo; logger: Logger; now?: () => number },
) {
  const now = deps.now ?? Date.now;
  let cached: { at: number; value: Promise<Snapshot | null> } | null = null;
  const snapshot = () => {
    if (!cached || now() - cached.at >= METRICS_CACHE_MS) {
      const value = readSnapshot(deps.repo, deps.monitoring).catch((err: unknown) => {
        deps.logger.error({ err }, 'aggregation metrics could not be read');
        return null;
      });
      cached = { at: now(), value };
    }
    return cached.value;
  };
  const up = new Gauge({
    name: 'roadcert_aggregation_metrics_up',
    help: '1 when the aggregation figures below were read from the database at this scrape (cached up to 5 s), 0 when the read failed',
    registers: [registry],
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
  /** A gauge whose values are set from the snapshot (label sets of the previous reading dropped first). */
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: Snapshot) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        if (s) fill(this, s);
      },
    });

  gauge(
    'roadcert_aggregation_rate',
    'Aggregation rate: electronic certificates whose latest version the receiver acknowledged / electronic certificates (target 0.95)',
    [],
    (g, s) => {
      const all = [...s.byType.values()].reduce((a, t) => ({ total: a.total + t.total, ack: a.ack + t.acknowledged }), {
        total: 0,
        ack: 0,
      });
      if (all.total > 0) g.set(all.ack / all.total);
    },
  );
  gauge('roadcert_aggregation_rate_by_type', 'Aggregation rate per certificate type code', ['type_code'], (g, s) => {
    for (const [type, t] of s.byType) if (t.total > 0) g.set({ type_code: type }, t.acknowledged / t.total);
  });
  gauge(
    'roadcert_aggregation_certificates',
    'Electronic certificates in scope (state="in_scope") and with their latest version acknowledged (state="acknowledged"), per type code',
    ['type_code', 'state'],
    (g, s) => {
      for (const [type, t] of s.byType) {
        g.set({ type_code: type, state: 'in_scope' }, t.total);
        g.set({ type_code: type, state: 'acknowledged' }, t.acknowledged);
      }
    },
  );
  gauge(
    'roadcert_aggregation_outbox_entries',
    'Outbox entries per state (PENDING includes retrying; ACKED grows with every acknowledgement: deriv() of it is the delivery rate)',
    ['state'],
    (g, s) => {
      for (const state of ['PENDING', 'ACKED', 'SUPERSEDED', 'DEAD']) g.set({ state }, 0);
      for (const r of s.outbox) g.set({ state: r.state }, r.entries);
    },
  );
  gauge('roadcert_aggregation_retrying_entries', 'Pending entries that failed at least once', [], (g, s) =>
    g.set(s.outbox.reduce((n, r) => n + r.retrying, 0)),
  );
  gauge('roadcert_aggregation_dead_letters', 'Entries given up (DEAD): staff re-send them (补传)', [], (g, s) =>
    g.set(s.outbox.find((r) => r.state === 'DEAD')?.entries ?? 0),
  );
  gauge(
    'roadcert_aggregation_lag_seconds',
    'Change → acknowledgement of the versions acknowledged in the last 24 h (quantile 0.5 and 0.99)',
    ['quantile'],
    (g, s) => {
      if (s.lag.p50 !== null) g.set({ quantile: '0.5' }, s.lag.p50 / 1000);
      if (s.lag.p99 !== null) g.set({ quantile: '0.99' }, s.lag.p99 / 1000);
    },
  );
  gauge(
    'roadcert_aggregation_failing_entries',
    'Entries whose last attempt failed, by reason code (TIMEOUT, CONNECTION, TLS, HTTP_5XX, RATE_LIMITED, HTTP_4XX, NOT_ACCEPTED, REJECTED …) and state (retrying, dead)',
    ['reason', 'state'],
    (g, s) => {
      for (const f of s.failures) {
        const reason = f.reason || 'UNKNOWN';
        g.set({ reason, state: 'retrying' }, f.retrying);
        g.set({ reason, state: 'dead' }, f.dead);
      }
    },
  );
  gauge(
    'roadcert_aggregation_workers',
    'Running aggregation workers (heartbeat within 30 s) per circuit-breaker state',
    ['breaker'],
    (g, s) => {
      for (const breaker of breakerStates) g.set({ breaker }, 0);
      for (const w of s.workers) g.set({ breaker: w.breaker }, w.workers);
    },
  );
  gauge(
    'roadcert_aggregation_breaker_open',
    '1 when any running worker has its circuit breaker open or probing (the receiver is taken for down)',
    [],
    (g, s) => g.set(s.workers.some((w) => w.breaker !== 'closed' && w.workers > 0) ? 1 : 0),
  );
  gauge(
    'roadcert_aggregation_reconciliation',
    'The latest reconciliation: groups compared, mismatched and re-queued',
    ['figure'],
    (g, s) => {
      if (!s.reconciliation) return;
      g.set({ figure: 'groups' }, s.reconciliation.groups);
      g.set({ figure: 'mismatched' }, s.reconciliation.mismatched);
      g.set({ figure: 'requeued' }, s.reconciliation.requeued);
    },
  );
  gauge(
    'roadcert_aggregation_reconciliation_state',
    '1 for the state of the latest reconciliation (RUNNING, MATCHED, REQUEUED, FAILED)',
    ['state'],
    (g, s) => {
      if (!s.reconciliation) return;
      for (const state of reconciliationStates) g.set({ state }, s.reconciliation.state === state ? 1 : 0);
    },
  );
  gauge(
    'roadcert_aggregation_reconciliation_finished_timestamp_seconds',
    'When the latest reconciliation finished (Unix time)',
    [],
    (g, s) => {
      if (s.reconciliation?.finishedAt) g.set(s.reconciliation.finishedAt.getTime() / 1000);
    },
  );
  return { up };
}
