import type { VerificationChannel } from '@roadcert/shared';
import type { UsageEvent, UsageLog } from '../../lib/usage-event';
import { isDatabaseUnavailable } from '../../db/errors';
import { uuidv7 } from '../../lib/uuidv7';
import type { UsageLogRow, UsageLogStore } from './usage-log.repo';

export type { UsageEvent, UsageLog, UsageLogStore };

export type UsageLogDeps = {
  store: UsageLogStore;
  /** pino's Logger fits; only these two levels are used. */
  logger: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Longest an event waits before its batch is written. */
  flushIntervalMs?: number;
  /** A batch this full is written at once. */
  maxBatch?: number;
  /** While the database is unreachable: how often to try again, and how many rows to keep meanwhile. */
  retryMs?: number;
  maxHeld?: number;
};

/** Names only: a database error's code and class, never its message (Prisma messages quote the data). */
const errorSummary = (err: unknown) => ({
  errorName: err instanceof Error ? err.name : typeof err,
  errorCode:
    typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined,
});

/**
 * The batching writer behind every verification, lookup, partner call and share opening.
 * Verification is the hot path (roadside checks, partner traffic), so events are queued
 * and written with one INSERT (sqlUsageStore) every ~200 ms or every 100 events instead of one
 * INSERT per request. A failed batch is retried once row by row, so one bad row (e.g. a
 * certificate deleted meanwhile) loses only itself; whatever still fails is logged as a
 * count with channel and error code — no ids of people, no values. While the database is
 * unreachable (restart, failover) nothing is dropped: the rows are held (≤ maxHeld, ~100 k
 * rows ≈ tens of MB) and retried every second, since their requests were already answered.
 */
export function createUsageLog(deps: UsageLogDeps): UsageLog {
  const interval = deps.flushIntervalMs ?? 200;
  const maxBatch = deps.maxBatch ?? 100;
  const retryMs = deps.retryMs ?? 1000;
  const maxHeld = deps.maxHeld ?? 100_000;
  /** When the database became unreachable for the writer (null: it is not). */
  let heldSince: number | null = null;
  let queue: UsageLogRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  // Batches are written one after another: flush() resolves only after every earlier write.
  let writing: Promise<void> = Promise.resolve();

  /** Written (or lost row by row, logged) → true; the database unreachable → false, nothing written. */
  async function writeBatch(batch: UsageLogRow[]): Promise<boolean> {
    try {
      await deps.store.insert(batch);
      if (heldSince !== null) {
        deps.logger.warn(
          { heldSeconds: Math.round((Date.now() - heldSince) / 1000) },
          'usage log: database back, held events written',
        );
        heldSince = null;
      }
      return true;
    } catch (err) {
      // The verifications were answered: keep their rows for the database's return rather than drop them.
      if (isDatabaseUnavailable(err)) {
        if (heldSince === null) {
          heldSince = Date.now();
          deps.logger.warn(
            { events: batch.length, ...errorSummary(err) },
            'usage log: database unavailable, holding events',
          );
        }
        return false;
      }
      deps.logger.warn({ events: batch.length, ...errorSummary(err) }, 'usage log batch failed; retrying row by row');
    }
    const lost: { channel: VerificationChannel; errorCode?: string; errorName: string }[] = [];
    for (const row of batch) {
      try {
        await deps.store.insert([row]);
      } catch (err) {
        lost.push({ channel: row.channel, ...errorSummary(err) });
      }
    }
    if (lost.length > 0) reportLost(lost.length, batch.length, countByChannel(lost), lost[0]!);
    return true;
  }

  function reportLost(
    count: number,
    of: number,
    byChannel: Record<string, number>,
    first: { errorCode?: string; errorName: string },
  ) {
    deps.logger.error(
      { lost: count, of, byChannel, errorCode: first.errorCode, errorName: first.errorName },
      'usage log events lost after retry',
    );
  }

  /** Unwritten rows go back to the front of the queue (oldest first, at most maxHeld) and are retried. */
  function hold(rows: UsageLogRow[]) {
    queue = [...rows, ...queue];
    if (queue.length > maxHeld) {
      const dropped = queue.slice(0, queue.length - maxHeld);
      queue = queue.slice(dropped.length);
      reportLost(dropped.length, dropped.length, countByChannel(dropped), { errorName: 'held too long' });
    }
    if (!timer && !closed) timer = setTimeout(() => void flush(), retryMs).unref();
  }

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const taken = queue;
    queue = [];
    writing = writing.then(async () => {
      for (let i = 0; i < taken.length; i += maxBatch) {
        if (!(await writeBatch(taken.slice(i, i + maxBatch)))) return hold(taken.slice(i));
      }
    });
    return writing;
  }

  function record(event: UsageEvent) {
    const row: UsageLogRow = {
      id: uuidv7(event.at?.getTime()),
      certificateId: event.certificateId,
      channel: event.channel,
      verifierRole: event.verifierRole.slice(0, 30),
      partnerId: event.partnerId ?? null,
      shareId: event.shareId ?? null,
      result: event.result.slice(0, 30),
      fieldsShown: [...event.fieldsShown],
      at: event.at ?? new Date(),
    };
    queue.push(row);
    if (closed) {
      // A request that finished after shutdown began: write it straight away rather than drop it.
      void flush();
      return;
    }
    // While held, the retry timer writes them: no attempt per 100 new events against a dead database.
    if (queue.length >= maxBatch && heldSince === null) void flush();
    else if (!timer) timer = setTimeout(() => void flush(), interval).unref();
  }

  async function close() {
    closed = true;
    await flush();
    // Shutting down while the database is unreachable: what is still held cannot be kept.
    if (queue.length > 0) {
      const rows = queue;
      queue = [];
      reportLost(rows.length, rows.length, countByChannel(rows), { errorName: 'database unavailable at shutdown' });
    }
  }

  return { record, flush, close };
}

function countByChannel(rows: { channel: VerificationChannel }[]) {
  const byChannel: Record<string, number> = {};
  for (const r of rows) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
  return byChannel;
}
