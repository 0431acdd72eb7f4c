import PgBoss from 'pg-boss';
import type { Sql } from '../db/database';
import type { Logger } from '../lib/logger';

/**
 * One background job: a pg-boss queue with a cron schedule and a handler. A failed run
 * (the handler throws) is retried `retryLimit` times with exponential back-off, then left
 * `failed` in pgboss.job (and logged) until the next scheduled run tries again.
 */
export type JobDefinition = {
  /** The queue name (pg-boss: letters, digits, `-`, `_`, `.`, `/`). */
  name: string;
  /** Five-field cron in UTC, or null for a job only ever sent explicitly. */
  cron: string | null;
  /** Why this job exists and its period, shown in the start-up log. */
  description: string;
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time (retryBackoff). */
  retryDelaySeconds?: number;
  /** Gives up (and retries) a run that takes longer than this. */
  expireInSeconds?: number;
  /** How often an idle worker asks this queue for work; default the runner's (someone waits on staff-started jobs). */
  pollingIntervalSeconds?: number;
  /**
   * One run. `data` is the payload the run was queued with (`runNow(name, data)`); `{}` for a
   * scheduled run. A job with a payload validates it itself: it comes back from the database.
   */
  run: (context: { logger: Logger; data?: JobData }) => Promise<{ [k: string]: number | string | undefined } | void>;
};

/** A job's payload: JSON, stored with the job row (pgboss.job.data). */
export type JobData = Record<string, unknown>;

export type JobRunner = {
  start: () => Promise<void>;
  /** Stops polling and waits (up to `timeoutMs`) for running jobs to finish. */
  stop: (timeoutMs?: number) => Promise<void>;
  /** Queues one run now, with an optional payload (the admin's "run it once", staff-started work, tests). */
  runNow: (name: string, data?: JobData) => Promise<string | null>;
  /** The pg-boss instance, for tests that inspect queues. */
  boss: PgBoss;
};

export type JobRunnerOptions = {
  sql: Sql;
  logger: Logger;
  jobs: JobDefinition[];
  /** How often an idle worker asks for work (pg-boss polls). Maintenance jobs are not urgent. */
  pollingIntervalSeconds?: number;
};

/**
 * The background job runner: pg-boss on the application's own pool (so it works the same on
 * PostgreSQL and on the embedded PGlite, whose one session cannot take a second pool). Its
 * tables live in the `pgboss` schema, created and migrated by pg-boss itself at start.
 *
 * Several processes may run it at once: the cron monitor is elected through the database
 * (one process enqueues each scheduled slot), a job is fetched by one worker with
 * `FOR UPDATE SKIP LOCKED`, and every queue uses the `singleton` policy so a slow run
 * never overlaps the next one.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { sql, logger, jobs } = options;
  const boss = new PgBoss({
    db: { executeSql: async (text, values) => sql.query(text, values) },
    // Cron precision of a minute is plenty; fewer wake-ups on a shared PGlite session.
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: 30,
    maintenanceIntervalSeconds: 300,
    // Completed/failed job rows are history only: two weeks is enough to investigate a failure.
    deleteAfterDays: 14,
  });
  boss.on('error', (err) => logger.error({ err }, 'job runner error'));
  const polling = options.pollingIntervalSeconds ?? 30;

  const start = async () => {
    await boss.start();
    for (const job of jobs) {
      const retry = {
        retryLimit: job.retryLimit ?? 3,
        retryDelay: job.retryDelaySeconds ?? 60,
        retryBackoff: true,
        expireInSeconds: job.expireInSeconds ?? 15 * 60,
      };
      const existing = await boss.getQueue(job.name);
      if (existing) await boss.updateQueue(job.name, { name: job.name, policy: 'singleton', ...retry });
      else await boss.createQueue(job.name, { name: job.name, policy: 'singleton', ...retry });
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC', ...retry });
      else await boss.unschedule(job.name);
      const pollingIntervalSeconds = job.pollingIntervalSeconds ?? polling;
      await boss.work(job.name, { pollingIntervalSeconds, batchSize: 1 }, async ([item]) => {
        const started = Date.now();
        try {
          const result = await job.run({ logger, data: (item?.data as JobData | undefined) ?? {} });
          logger.info({ job: job.name, jobId: item?.id, ms: Date.now() - started, ...result }, 'job done');
          return result ?? null;
        } catch (err) {
          // Thrown on: pg-boss marks the run `retry` (or `failed` after the last attempt).
          logger.error({ job: job.name, jobId: item?.id, retry: item?.id ? 'scheduled' : 'none', err }, 'job failed');
          throw err;
        }
      });
    }
    logger.info({ jobs: jobs.map((j) => ({ name: j.name, cron: j.cron })) }, 'job runner started');
  };

  return {
    boss,
    start,
    stop: async (timeoutMs = 10_000) => {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
    },
    runNow: (name, data = {}) => boss.send(name, data),
  };
}
