import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import {
  BATCH_FLUSH_MS,
  createBatchedRateLimiter,
  createRateLimiter,
  memoryRateLimitStore,
  waitText,
  type RateLimitStore,
} from './rate-limit';
import { postgresRateLimitStore } from './rate-limit-postgres';
import { redisRateLimitStore } from './rate-limit-redis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/** Whether a Redis answers at REDIS_URL (CI machines without one skip the Redis cases, said in the output). */
async function redisReachable(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  const socket = new Socket();
  const reachable = await new Promise<boolean>((resolve) => {
    socket.setTimeout(500);
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
    socket.connect(Number(url.port || 6379), url.hostname);
  });
  socket.destroy();
  return reachable;
}

let app: TestApp;
const hasRedis = await redisReachable();
if (!hasRedis) console.warn(`rate-limit.test: no Redis at ${REDIS_URL}; the Redis store's cases are skipped`);
const stores: Record<string, () => RateLimitStore> = {
  memory: () => memoryRateLimitStore(),
  // The table is the same on PostgreSQL (TEST_DATABASE_URL) and the embedded PGlite.
  postgres: () => postgresRateLimitStore(app.deps.sql),
  ...(hasRedis ? { redis: () => redisRateLimitStore(REDIS_URL) } : {}),
};

beforeAll(async () => {
  app = await startTestApp({ seed: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe.each(Object.keys(stores))('rate limits counted in %s', (kind) => {
  let store: RateLimitStore;
  // Redis keeps keys across runs: every case limits keys of its own.
  const limiter = (windows: { limit: number; windowMs: number }[]) =>
    createRateLimiter(store, `test-${randomUUID()}`, windows);
  beforeAll(() => {
    store = stores[kind]!();
  });
  afterAll(async () => {
    await store.close();
  });

  it('admits up to the limit in a window, then says how long until the window closes', async () => {
    const perMinute = limiter([{ limit: 3, windowMs: 60_000 }]);
    const t0 = Date.now();
    const first = [];
    for (const d of [0, 1_000, 2_000]) first.push((await perMinute.take('ip', undefined, t0 + d)).ok);
    expect(first).toEqual([true, true, true]);
    const refused = await perMinute.take('ip', undefined, t0 + 10_000);
    expect(refused.ok).toBe(false);
    // Redis measures the window on its own clock: 50 s here, 60 s minus the test's own time there.
    if (!refused.ok && kind !== 'redis') expect(refused.retryAfterSeconds).toBe(50);
    if (!refused.ok && kind === 'redis') expect(refused.retryAfterSeconds).toBeGreaterThan(50);
    expect((await perMinute.take('other', undefined, t0 + 10_000)).ok).toBe(true);
    if (kind !== 'redis') expect((await perMinute.take('ip', undefined, t0 + 60_001)).ok).toBe(true);
  });

  it('counts a refused attempt in no window; the strictest of several windows decides', async () => {
    const windows = limiter([
      { limit: 2, windowMs: 10_000 },
      { limit: 3, windowMs: 60_000 },
    ]);
    const t0 = Date.now();
    expect((await windows.take('k', undefined, t0)).ok).toBe(true);
    expect((await windows.take('k', undefined, t0 + 1)).ok).toBe(true);
    expect((await windows.take('k', undefined, t0 + 2)).ok).toBe(false); // the ten seconds' window is full
    if (kind === 'redis') return; // Redis's own clock cannot be moved on
    expect((await windows.take('k', undefined, t0 + 10_500)).ok).toBe(true); // third in the minute (refusal not counted)
    expect(await windows.take('k', undefined, t0 + 11_000)).toEqual({ ok: false, retryAfterSeconds: 49 });
  });

  it('takes per-call limits (a partner’s own rate) and keeps limiters of other names apart', async () => {
    const name = `test-${randomUUID()}`;
    const partner = createRateLimiter(store, name, [{ limit: 600, windowMs: 60_000 }]);
    const other = createRateLimiter(store, `${name}-other`, [{ limit: 1, windowMs: 60_000 }]);
    expect((await partner.take('p', [{ limit: 1, windowMs: 60_000 }])).ok).toBe(true);
    expect((await partner.take('p', [{ limit: 1, windowMs: 60_000 }])).ok).toBe(false);
    expect((await other.take('p')).ok).toBe(true);
  });

  it('holds the limit exactly under 40 concurrent attempts', async () => {
    const tight = limiter([{ limit: 7, windowMs: 60_000 }]);
    const decisions = await Promise.all(Array.from({ length: 40 }, () => tight.take('burst')));
    expect(decisions.filter((d) => d.ok)).toHaveLength(7);
  });
});

describe.each(Object.keys(stores))('batched limits (verify per IP) counted in %s', (kind) => {
  let store: RateLimitStore;
  beforeAll(() => {
    store = stores[kind]!();
  });
  afterAll(async () => {
    await store.close();
  });

  it('one process: exact, refusals not counted', async () => {
    const limiter = createBatchedRateLimiter(store, `test-${randomUUID()}`, { limit: 3, windowMs: 60_000 });
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push((await limiter.take('ip')).ok);
    expect(decisions).toEqual([true, true, true, false, false]);
  });

  it('two processes on one store: paced past a flush, the limit plus at most one stale attempt, then refused on both', async () => {
    const name = `test-${randomUUID()}`;
    const [a, b] = [0, 1].map(() => createBatchedRateLimiter(store, name, { limit: 4, windowMs: 60_000 }));
    const admitted: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      admitted.push((await (i % 2 ? b! : a!).take('ip')).ok);
      await new Promise((r) => setTimeout(r, BATCH_FLUSH_MS + 100));
    }
    const count = admitted.filter(Boolean).length;
    // One memory store is one process's: both limiters read the same counts, exactly.
    if (kind === 'memory') return expect(count).toBe(4);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(5);
    expect([(await a!.take('ip')).ok, (await b!.take('ip')).ok]).toEqual([false, false]);
  }, 15_000);
});

describe('waitText', () => {
  it('words a wait in Chinese', () => {
    expect([waitText(5), waitText(61), waitText(3_601)]).toEqual(['5秒', '2分钟', '2小时']);
  });
});
