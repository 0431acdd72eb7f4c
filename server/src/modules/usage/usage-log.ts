import type { VerificationChannel } from '@roadcert/shared';
import type { UsageEvent, UsageLog } from '../../lib/usage-event';
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
 * count with channel and error code — no ids of people, no values.
 */
export function createUsageLog(deps: UsageLogDeps): UsageLog {
  const interval = deps.flushIntervalMs ?? 200;
  const maxBatch = deps.maxBatch ?? 100;
  let queue: UsageLogRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  // Batches are written one after another: flush() resolves only after every earlier write.
  let writing: Promise<void> = Promise.resolve();

  async function writeBatch(batch: UsageLogRow[]) {
    try {
      await deps.store.insert(batch);
      return;
    } catch (err) {
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
    if (lost.length > 0) {
      const byChannel: Record<string, number> = {};
      for (const l of lost) byChannel[l.channel] = (byChannel[l.channel] ?? 0) + 1;
      deps.logger.error(
        {
          lost: lost.length,
          of: batch.length,
          byChannel,
          errorCode: lost[0]!.errorCode,
          errorName: lost[0]!.errorName,
        },
        'usage log events lost after retry',
      );
    }
  }

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const taken = queue;
    queue = [];
    writing = writing.then(async () => {
      for (let i = 0; i < taken.length; i += maxBatch) await writeBatch(taken.slice(i, i + maxBatch));
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
    if (queue.length >= maxBatch) void flush();
    else if (!timer) timer = setTimeout(() => void flush(), interval).unref();
  }

  async function close() {
    closed = true;
    await flush();
  }

  return { record, flush, close };
}
