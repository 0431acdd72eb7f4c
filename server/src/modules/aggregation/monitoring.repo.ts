import type { Sql } from '../../db/database';
import type { BreakerState } from './circuit-breaker';

/** A worker's heartbeat older than this is a worker gone (killed, or its host down). */
export const WORKER_SEEN_SECONDS = 30;

/**
 * What operators' monitoring reads (GET /metrics, docs/aggregation.md "Metrics") beside the staff
 * figures: the outbox by state, the live workers' breakers (their heartbeats), and the latest
 * reconciliation. All from PostgreSQL, so any process answers the same.
 */
export function createMonitoringRepo(sql: Sql) {
  return {
    /** Outbox entries per state, and the pending ones that failed at least once. */
    outboxByState: async () =>
      (
        await sql.query<{ state: string; entries: number; retrying: number }>(
          `SELECT state::text AS state, count(*)::int AS entries,
             (count(*) FILTER (WHERE attempts > 0 AND state = 'PENDING'))::int AS retrying
           FROM "AggregationOutbox" GROUP BY 1`,
        )
      ).rows,

    /** Workers seen in the last WORKER_SEEN_SECONDS, per breaker state. */
    liveWorkers: async () =>
      (
        await sql.query<{ breaker: string; workers: number }>(
          `SELECT breaker, count(*)::int AS workers FROM "AggregationWorkerState"
           WHERE "seenAt" > CURRENT_TIMESTAMP - make_interval(secs => $1::int) GROUP BY 1`,
          [WORKER_SEEN_SECONDS],
        )
      ).rows,

    latestReconciliation: async () =>
      (
        await sql.query<{
          state: string;
          mismatched: number;
          requeued: number;
          groups: number;
          finishedAt: Date | null;
        }>(
          `SELECT state, mismatched, requeued, groups, "finishedAt" FROM "AggregationReconciliation"
           ORDER BY "startedAt" DESC LIMIT 1`,
        )
      ).rows[0] ?? null,

    /** A worker's heartbeat: its breaker and counters (no personal data); old rows of gone workers pruned. */
    heartbeat: async (workerId: string, breaker: BreakerState, counters: object) => {
      await sql.query(
        `INSERT INTO "AggregationWorkerState" ("workerId", breaker, counters, "seenAt")
         VALUES ($1, $2, $3::jsonb, CURRENT_TIMESTAMP)
         ON CONFLICT ("workerId") DO UPDATE SET breaker = $2, counters = $3::jsonb, "seenAt" = CURRENT_TIMESTAMP`,
        [workerId, breaker, JSON.stringify(counters)],
      );
      await sql.query(`DELETE FROM "AggregationWorkerState" WHERE "seenAt" < CURRENT_TIMESTAMP - interval '1 day'`);
    },

    /** A worker stopping cleanly takes its row away. */
    forgetWorker: async (workerId: string) => {
      await sql.query(`DELETE FROM "AggregationWorkerState" WHERE "workerId" = $1`, [workerId]);
    },
  };
}

export type MonitoringRepo = ReturnType<typeof createMonitoringRepo>;
