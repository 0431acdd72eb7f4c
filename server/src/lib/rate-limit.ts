/**
 * Rate limits (凭证号查询, partner keys, verify per IP) counted where every process of the
 * service sees the same counts, so running N processes does not multiply a limit by N
 * (SMS codes are limited by their own rows: account/auth/verification-codes.repo.ts):
 * - PostgreSQL (rate-limit-postgres.ts) when DATABASE_URL is set;
 * - Redis (rate-limit-redis.ts) when REDIS_URL is set as well;
 * - this process's memory on the embedded default (PGlite is one process anyway).
 *
 * One semantics for all three: a key's window opens at its first counted attempt and closes
 * `windowMs` later; up to `limit` attempts are counted in it. An attempt refused by any of a
 * limiter's windows is counted in none (a caller waiting out a minute does not use up the day).
 */
export type RateWindow = { limit: number; windowMs: number };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimitStore = {
  kind: 'memory' | 'postgres' | 'redis';
  /** Counts one attempt of `key` in every window, unless one of them is full. */
  hit(key: string, windows: readonly RateWindow[], now: number): Promise<RateDecision>;
  /**
   * Adds counts in bulk, whatever the limit (batched limiters): each key's window opens with its
   * first count; answers each key's count and when its window closes. Absent on memory.
   */
  addMany?(entries: readonly CountToAdd[], now: number): Promise<CountedWindow[]>;
  close(): Promise<void>;
};

export type CountToAdd = { key: string; windowMs: number; n: number };
export type CountedWindow = { key: string; count: number; closesAt: number };

export type RateLimiter = {
  take(key: string, limits?: readonly RateWindow[], now?: number): Promise<RateDecision>;
};

/** A named limit over a store: `name` keeps limits apart that count the same keys (IPs). */
export function createRateLimiter(store: RateLimitStore, name: string, windows: readonly RateWindow[]): RateLimiter {
  return {
    take: (key, limits = windows, now = Date.now()) => store.hit(`${name}:${key}`, limits, now),
  };
}

/** How often a batched limiter sends its counts (createBatchedRateLimiter). */
export const BATCH_FLUSH_MS = 200;

/**
 * A limiter for a hot path with one generous window (verify per IP): decided in memory from
 * the shared count last read plus this process's attempts since, sent in one statement for
 * all keys every BATCH_FLUSH_MS. No database round trip per request; the price is that N
 * processes may together admit up to N × (one flush interval of traffic) past the limit.
 * Refused attempts are not counted. On the memory store it is the plain limiter.
 */
export function createBatchedRateLimiter(store: RateLimitStore, name: string, window: RateWindow): RateLimiter {
  if (!store.addMany) return createRateLimiter(store, name, [window]);
  const addMany = store.addMany.bind(store);
  // count: the shared count last read; sending: attempts in the batch in flight; pending: since.
  const keys = new Map<string, { count: number; sending: number; pending: number; closesAt: number }>();
  let timer: NodeJS.Timeout | null = null;
  // One batch in flight at a time: an older answer arriving last would lower the counts.
  let flushing = false;

  async function flush() {
    timer = null;
    if (flushing) return schedule();
    flushing = true;
    try {
      await send();
    } finally {
      flushing = false;
    }
  }

  async function send() {
    const now = Date.now();
    const batch: CountToAdd[] = [];
    for (const [key, k] of keys) {
      if (k.pending > 0) batch.push({ key, windowMs: window.windowMs, n: k.pending });
      else if (k.closesAt <= now) keys.delete(key);
    }
    if (batch.length === 0) return;
    for (const b of batch) {
      const k = keys.get(b.key)!;
      k.pending -= b.n;
      k.sending = b.n;
    }
    let counted: CountedWindow[] = [];
    try {
      counted = await addMany(batch, now);
    } catch {
      // The store is unreachable: keep the attempts to send later; meanwhile this process's own count applies.
      for (const b of batch) keys.get(b.key)!.pending += b.n;
      schedule();
    }
    for (const b of batch) keys.get(b.key)!.sending = 0;
    for (const c of counted) Object.assign(keys.get(c.key) ?? {}, { count: c.count, closesAt: c.closesAt });
  }

  function schedule() {
    timer ??= setTimeout(() => void flush(), BATCH_FLUSH_MS);
    timer.unref();
  }

  return {
    async take(callerKey, _limits, now = Date.now()) {
      const key = `${name}:${callerKey}:${window.windowMs}`;
      let k = keys.get(key);
      if (!k) keys.set(key, (k = { count: 0, sending: 0, pending: 0, closesAt: now + window.windowMs }));
      else if (k.closesAt <= now) Object.assign(k, { count: 0, closesAt: now + window.windowMs });
      if (k.count + k.sending + k.pending >= window.limit)
        return { ok: false, retryAfterSeconds: retryAfter(k.closesAt, now) };
      k.pending++;
      schedule();
      return { ok: true };
    },
  };
}

/** Seconds to wait for a window closing at `closesAt` (at least 1). */
export const retryAfter = (closesAt: number, now: number) => Math.max(1, Math.ceil((closesAt - now) / 1000));

/** Keys are kept at most this many; beyond it, closed windows are swept. */
const SWEEP_AT = 50_000;

/** This process's memory: the embedded default, and unit tests. */
export function memoryRateLimitStore(): RateLimitStore & { size(): number } {
  const windows = new Map<string, { count: number; closesAt: number }>();

  function sweep(now: number) {
    for (const [key, w] of windows) if (w.closesAt <= now) windows.delete(key);
  }

  async function hit(key: string, limits: readonly RateWindow[], now: number): Promise<RateDecision> {
    const keys = limits.map((w) => `${key}:${w.windowMs}`);
    let closesAt = 0;
    limits.forEach((w, i) => {
      const open = windows.get(keys[i]!);
      if (open && open.closesAt > now && open.count >= w.limit) closesAt = Math.max(closesAt, open.closesAt);
    });
    if (closesAt > 0) return { ok: false, retryAfterSeconds: retryAfter(closesAt, now) };
    limits.forEach((w, i) => {
      const open = windows.get(keys[i]!);
      if (open && open.closesAt > now) open.count++;
      else windows.set(keys[i]!, { count: 1, closesAt: now + w.windowMs });
    });
    if (windows.size > SWEEP_AT) sweep(now);
    return { ok: true };
  }

  return { kind: 'memory', hit, close: async () => undefined, size: () => windows.size };
}

/** "3分钟", "45秒", "2小时" — how long to wait, for messages. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`;
  return `${Math.ceil(seconds / 3600)}小时`;
}
