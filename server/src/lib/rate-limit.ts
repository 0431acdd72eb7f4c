/**
 * In-process sliding-window limits (lookup per IP / per number, partner keys per minute).
 * Kept in memory: one process serves the API (README), and a limit that resets on restart
 * costs an attacker a restart they cannot trigger. Several instances behind a balancer
 * would each enforce the limit (documented in docs/verification.md).
 */
export type RateWindow = { limit: number; windowMs: number };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Keys are kept at most this many; beyond it, keys idle for a whole longest window are swept. */
const SWEEP_AT = 50_000;

export function createRateLimiter(windows: readonly RateWindow[]) {
  const longest = Math.max(...windows.map((w) => w.windowMs));
  const hits = new Map<string, number[]>();

  function sweep(now: number) {
    for (const [key, times] of hits) if (times[times.length - 1]! <= now - longest) hits.delete(key);
  }

  /** Counts one attempt for `key` unless a window is full; then says how long to wait. */
  function take(key: string, limits: readonly RateWindow[] = windows, now = Date.now()): RateDecision {
    const times = (hits.get(key) ?? []).filter((t) => t > now - longest);
    let wait = 0;
    for (const w of limits) {
      const inWindow = times.filter((t) => t > now - w.windowMs);
      if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + w.windowMs - now);
    }
    if (wait > 0) {
      hits.set(key, times);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    times.push(now);
    hits.set(key, times);
    if (hits.size > SWEEP_AT) sweep(now);
    return { ok: true };
  }

  return { take, size: () => hits.size };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** "3分钟", "45秒", "2小时" — how long to wait, for messages. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`;
  return `${Math.ceil(seconds / 3600)}小时`;
}
