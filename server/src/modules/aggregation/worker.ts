import type { FailureReason, ItemResult, MinistryClient, MinistryRecord } from '../../adapters/ministry';
import type { Logger } from '../../lib/logger';
import { uuidv7 } from '../../lib/uuidv7';
import type { AggregationRepo, ClaimedEntry, Settlement } from './aggregation.repo';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker';
import { buildRecord, type RecordKeys } from './record';

export type WorkerOptions = {
  /** Records per request. */
  batchSize: number;
  /** Batches in flight at once in this process (each on certificates of its own). */
  concurrency: number;
  /** How long a claim holds its certificates; a worker killed mid-batch frees them after this. */
  leaseSeconds: number;
  /** After this many failed attempts an entry is DEAD (staff re-send it: 补传). */
  maxAttempts: number;
  /** Back-off of the first retry; doubled per attempt up to maxDelayMs, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Pause of an idle lane before it looks again. */
  idleMs: number;
};

export const defaultWorkerOptions: WorkerOptions = {
  batchSize: 200,
  concurrency: 2,
  leaseSeconds: 60,
  maxAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 10 * 60_000,
  idleMs: 1_000,
};

export type WorkerCounters = {
  batches: number;
  sent: number;
  acked: number;
  retried: number;
  dead: number;
  superseded: number;
  failedBatches: Partial<Record<FailureReason, number>>;
};

/** Exponential back-off with "equal jitter": half fixed, half random, so retries after an outage spread out. */
export function backoffMs(attempts: number, base: number, max: number, random = Math.random) {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * The aggregation worker: claims certificates with due entries (FOR UPDATE SKIP LOCKED on their
 * cursor rows, a lease per certificate: several processes never send two versions of one
 * certificate at once), builds each latest version's record from the current row, sends batches,
 * and settles every entry: ACKED, SUPERSEDED (the receiver holds a newer version), RETRY with
 * back-off, or DEAD after the last attempt with the reason kept. A circuit breaker stops sending
 * while the receiver is down. Runs in the server process by default and as `npm run worker`.
 */
export function createAggregationWorker(deps: {
  repo: AggregationRepo;
  client: MinistryClient;
  keys: RecordKeys;
  logger: Logger;
  options?: Partial<WorkerOptions>;
  breaker?: CircuitBreaker;
}) {
  const { repo, client, logger } = deps;
  const o = { ...defaultWorkerOptions, ...deps.options };
  const breaker = deps.breaker ?? createCircuitBreaker();
  const counters: WorkerCounters = {
    batches: 0,
    sent: 0,
    acked: 0,
    retried: 0,
    dead: 0,
    superseded: 0,
    failedBatches: {},
  };
  let running = false;
  let lanes: Promise<void>[] = [];
  const wakers = new Set<() => void>();

  const retryOrDead = (e: ClaimedEntry, error: string, delayMs?: number): Settlement =>
    e.attempts >= o.maxAttempts
      ? { id: e.id, certificateId: e.certificateId, version: e.version, outcome: 'DEAD', error }
      : {
          id: e.id,
          certificateId: e.certificateId,
          version: e.version,
          outcome: 'RETRY',
          error,
          delaySeconds: (delayMs ?? backoffMs(e.attempts, o.baseDelayMs, o.maxDelayMs)) / 1000,
        };

  function settleAnswer(entries: ClaimedEntry[], results: ItemResult[]): Settlement[] {
    // Duplicate acknowledgements of one key collapse here: one settlement per entry, whatever came back.
    const byKey = new Map<string, ItemResult>();
    for (const r of results) if (!byKey.has(r.idempotencyKey)) byKey.set(r.idempotencyKey, r);
    return entries.map((e): Settlement => {
      const base = { id: e.id, certificateId: e.certificateId, version: e.version };
      const r = byKey.get(`${e.certificateId}:${e.version}`);
      if (!r) return retryOrDead(e, 'NOT_ACCEPTED: not in the answer (partial acceptance)');
      if (r.status === 'ACCEPTED' || r.status === 'DUPLICATE') return { ...base, outcome: 'ACKED' };
      if (r.status === 'STALE') return { ...base, outcome: 'SUPERSEDED' };
      return { ...base, outcome: 'DEAD', error: `REJECTED: ${r.reason ?? 'refused by the receiver'}`.slice(0, 500) };
    });
  }

  /** One claim → send → settle cycle; how many entries it handled. */
  async function runOnce(limit = o.batchSize): Promise<number> {
    const { entries, superseded } = await repo.claim(limit, o.leaseSeconds);
    counters.superseded += superseded;
    if (entries.length === 0) return 0;
    const rows = new Map((await repo.sources(entries.map((e) => e.certificateId))).map((r) => [r.id, r]));
    const records: MinistryRecord[] = [];
    const sendable: ClaimedEntry[] = [];
    const settlements: Settlement[] = [];
    for (const e of entries) {
      try {
        records.push(buildRecord(e, rows.get(e.certificateId)!, deps.keys));
        sendable.push(e);
      } catch (err) {
        // A record that cannot be built (a value sealed under a missing key) never will be: DEAD at once.
        logger.error({ err, certificateId: e.certificateId }, 'aggregation record could not be built');
        settlements.push({ ...e, outcome: 'DEAD', error: 'RECORD_BUILD_FAILED' });
      }
    }
    if (sendable.length) {
      const outcome = await client.sendBatch({ batchId: uuidv7(), records });
      counters.batches++;
      counters.sent += sendable.length;
      if (outcome.kind === 'failed') {
        breaker.failure();
        counters.failedBatches[outcome.reason] = (counters.failedBatches[outcome.reason] ?? 0) + 1;
        logger.warn(
          { reason: outcome.reason, detail: outcome.detail, records: sendable.length, breaker: breaker.state() },
          'aggregation batch failed; will retry',
        );
        const error = `${outcome.reason}: ${outcome.detail}`.slice(0, 500);
        for (const e of sendable) settlements.push(retryOrDead(e, error, outcome.retryAfterMs));
      } else {
        breaker.success();
        settlements.push(...settleAnswer(sendable, outcome.answer.results));
      }
    }
    for (const s of settlements) {
      if (s.outcome === 'ACKED') counters.acked++;
      else if (s.outcome === 'RETRY') counters.retried++;
      else if (s.outcome === 'DEAD') counters.dead++;
      else counters.superseded++;
    }
    await repo.settle(settlements);
    return entries.length;
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  async function lane() {
    while (running) {
      try {
        if (!breaker.allows()) {
          await sleep(Math.min(breaker.waitMs(), o.idleMs) || 10);
          continue;
        }
        const probe = breaker.state() === 'half-open';
        const handled = await runOnce(probe ? Math.min(10, o.batchSize) : o.batchSize);
        if (handled === 0 && running) await sleep(o.idleMs);
      } catch (err) {
        logger.error({ err }, 'aggregation worker cycle failed');
        if (running) await sleep(o.idleMs);
      }
    }
  }

  return {
    runOnce,
    counters: () => structuredClone(counters),
    breaker,
    options: o,
    start() {
      if (running) return;
      running = true;
      lanes = Array.from({ length: o.concurrency }, () => lane());
      logger.info(
        { target: client.target, batchSize: o.batchSize, concurrency: o.concurrency, maxAttempts: o.maxAttempts },
        'aggregation worker started',
      );
    },
    /** Stops claiming; the batches in flight finish and settle (a lease frees anything left). */
    async stop() {
      running = false;
      for (const w of [...wakers]) w();
      await Promise.all(lanes);
      lanes = [];
    },
    /** Runs cycles until nothing is pending (tests, the bench); gives up after `timeoutMs`. */
    async drain(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if ((await repo.pendingCount()) === 0) return true;
        if (!running) {
          if (breaker.allows()) {
            if ((await runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
          } else await new Promise((r) => setTimeout(r, Math.min(breaker.waitMs(), 200) || 10));
        } else await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    },
  };
}

export type AggregationWorker = ReturnType<typeof createAggregationWorker>;
