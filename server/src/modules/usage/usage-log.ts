import type { VerificationChannel } from '@roadcert/shared';
import type { Sql } from '../../db/database';
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

/** Where batches go: sqlUsageStore in the service, a fake in unit tests. */
export type UsageLogStore = {
  /** Inserts the rows in one statement: all or none. */
  insert(rows: UsageRow[]): Promise<unknown>;
};

/**
 * One INSERT … SELECT from a JSON array for the whole batch, on the pg pool under
 * Prisma. Prisma's createMany planned every batch afresh in its Wasm query compiler; one
 * statement instead took the verify bench from 722 to 1,119 req/s (docs/presentation-token.md,
 * "Measured").
 * json_to_recordset turns the JSON arrays into text[]; `at` is sent in UTC, as Prisma stores it.
 */
export function sqlUsageStore(sql: Sql): UsageLogStore {
  const text = `INSERT INTO "VerificationEvent" ("id", "certificateId", "channel", "verifierRole", "partnerId", "shareId", "result", "fieldsShown", "at")
SELECT r."id", r."certificateId", r."channel"::"VerificationChannel", r."verifierRole", r."partnerId", r."shareId", r."result", r."fieldsShown", r."at"
FROM json_to_recordset($1::json) AS r("id" uuid, "certificateId" uuid, "channel" text, "verifierRole" text, "partnerId" uuid, "shareId" uuid, "result" text, "fieldsShown" text[], "at" timestamp(3))`;
  return { insert: (rows) => sql.query(text, [JSON.stringify(rows)]) };
}

export type UsageLogDeps = {
  store: UsageLogStore;
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
  let queue: UsageRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  // Batches are written one after another: flush() resolves only after every earlier write.
  let writing: Promise<void> = Promise.resolve();

  async function writeBatch(batch: UsageRow[]) {
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
