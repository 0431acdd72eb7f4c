import type { VerificationChannel } from '@roadcert/shared';
import { uuidv7 } from '../../lib/uuidv7';

/**
 * One check of a certificate for the holder's 用证记录: who (role, partner, share), how
 * (channel), the outcome and the names of the fields shown — never their values.
 */
export type UsageEvent = {
  certificateId: string;
  channel: VerificationChannel;
  /** anonymous, inspector, staff, partner:<KIND>, share-recipient */
  verifierRole: string;
  partnerId?: string | null;
  shareId?: string | null;
  /** VALID, NOT_VALID, TOKEN_EXPIRED …, OPENED (shares), see verificationResults in shared. */
  result: string;
  fieldsShown: readonly string[];
  /** When it happened; defaults to the moment record() is called. */
  at?: Date;
};

type UsageRow = {
  id: string;
  certificateId: string;
  channel: VerificationChannel;
  verifierRole: string;
  partnerId: string | null;
  shareId: string | null;
  result: string;
  fieldsShown: string[];
  at: Date;
};

/** The slice of the Prisma client the writer needs (a fake in unit tests). */
export type UsageLogStore = {
  verificationEvent: {
    createMany(args: { data: UsageRow[] }): Promise<unknown>;
    create(args: { data: UsageRow }): Promise<unknown>;
  };
};

export type UsageLogDeps = {
  prisma: UsageLogStore;
  /** pino's Logger fits; only these two levels are used. */
  logger: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Longest an event waits before its batch is written. */
  flushIntervalMs?: number;
  /** A batch this full is written at once. */
  maxBatch?: number;
};

export type UsageLog = {
  /** Queues the event; never throws, never waits for the database. */
  record(event: UsageEvent): void;
  /** Writes everything queued so far (resolves when it is written or reported lost). */
  flush(): Promise<void>;
  /** Flushes and stops the timer; call on shutdown before the database closes. */
  close(): Promise<void>;
};

/** Names only: a database error's code and class, never its message (Prisma messages quote the data). */
const errorSummary = (err: unknown) => ({
  errorName: err instanceof Error ? err.name : typeof err,
  errorCode: typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined,
});

/**
 * The batching writer behind every verification, lookup, partner call and share opening.
 * Verification is the hot path (roadside checks, partner traffic), so events are queued
 * and written with one `createMany` every ~200 ms or every 100 events instead of one
 * INSERT per request. A failed batch is retried once row by row, so one bad row (e.g. a
 * certificate deleted meanwhile) loses only itself; whatever still fails is logged as a
 * count with channel and error code — no ids of people, no values.
 */
export function createUsageLog(deps: UsageLogDeps): UsageLog {
  const interval = deps.flushIntervalMs ?? 200;
  const maxBatch = deps.maxBatch ?? 100;
  let queue: UsageRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  // Batches are written one after another: flush() resolves only after every earlier write.
  let writing: Promise<void> = Promise.resolve();

  async function writeBatch(batch: UsageRow[]) {
    try {
      await deps.prisma.verificationEvent.createMany({ data: batch });
      return;
    } catch (err) {
      deps.logger.warn({ events: batch.length, ...errorSummary(err) }, 'usage log batch failed; retrying row by row');
    }
    const lost: { channel: VerificationChannel; errorCode?: string; errorName: string }[] = [];
    for (const row of batch) {
      try {
        await deps.prisma.verificationEvent.create({ data: row });
      } catch (err) {
        lost.push({ channel: row.channel, ...errorSummary(err) });
      }
    }
    if (lost.length > 0) {
      const byChannel: Record<string, number> = {};
      for (const l of lost) byChannel[l.channel] = (byChannel[l.channel] ?? 0) + 1;
      deps.logger.error({ lost: lost.length, of: batch.length, byChannel, errorCode: lost[0]!.errorCode, errorName: lost[0]!.errorName }, 'usage log events lost after retry');
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
    const row: UsageRow = {
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
