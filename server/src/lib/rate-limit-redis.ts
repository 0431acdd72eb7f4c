import { Redis } from 'ioredis';
import {
  retryAfter,
  type CountedWindow,
  type CountToAdd,
  type RateDecision,
  type RateLimitStore,
  type RateWindow,
} from './rate-limit';

/**
 * One round trip, atomic in Redis: if any window is open and full, answer the milliseconds
 * until the latest such window closes and count nothing; otherwise count one in each window
 * (a window opens with its first count and expires `windowMs` later). ARGV: limit and
 * window milliseconds per key, in KEYS order.
 */
const hitScript = `
local wait = 0
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[2 * i]) end
end
return 0`;

/** Batched counts: INCRBY each key, its window opening with its first count; answers count and PTTL per key. */
const addManyScript = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = tonumber(ARGV[2 * i - 1])
  local count = redis.call('INCRBY', key, n)
  if count == n then redis.call('PEXPIRE', key, ARGV[2 * i]) end
  out[2 * i - 1] = count
  out[2 * i] = redis.call('PTTL', key)
end
return out`;

/** Counters in Redis (REDIS_URL), shared by every process using it; keys expire with their window. */
export function redisRateLimitStore(url: string): RateLimitStore {
  // Connected on the first limit checked (a CLI that builds the container but checks none never connects).
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  // A lost connection is retried by ioredis; a request meanwhile fails as a 500 after its retries.
  redis.on('error', () => undefined);
  redis.defineCommand('roadcertRateHit', { lua: hitScript });
  redis.defineCommand('roadcertRateAdd', { lua: addManyScript });
  const run = redis as Redis & {
    roadcertRateHit(...args: (string | number)[]): Promise<number>;
    roadcertRateAdd(...args: (string | number)[]): Promise<number[]>;
  };
  const redisKey = (key: string) => `roadcert:rate:${key}`;

  async function hit(key: string, windows: readonly RateWindow[], now: number): Promise<RateDecision> {
    const keys = windows.map((w) => redisKey(`${key}:${w.windowMs}`));
    const wait = await run.roadcertRateHit(keys.length, ...keys, ...windows.flatMap((w) => [w.limit, w.windowMs]));
    return wait > 0 ? { ok: false, retryAfterSeconds: retryAfter(now + wait, now) } : { ok: true };
  }

  async function addMany(entries: readonly CountToAdd[], now: number): Promise<CountedWindow[]> {
    const answer = await run.roadcertRateAdd(
      entries.length,
      ...entries.map((e) => redisKey(e.key)),
      ...entries.flatMap((e) => [e.n, e.windowMs]),
    );
    return entries.map((e, i) => ({
      key: e.key,
      count: answer[2 * i]!,
      closesAt: now + Math.max(0, answer[2 * i + 1]!),
    }));
  }

  return {
    kind: 'redis',
    hit,
    addMany,
    close: async () => {
      await redis.quit().catch(() => undefined);
    },
  };
}
