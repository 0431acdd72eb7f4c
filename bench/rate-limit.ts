import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { PresentationBatch } from '@roadcert/shared';
import { heldQrAt } from '@roadcert/shared/presentation';
import {
  createBatchedRateLimiter,
  createRateLimiter,
  memoryRateLimitStore,
  type RateLimiter,
  type RateLimitStore,
} from '../server/src/lib/rate-limit';
import { postgresRateLimitStore } from '../server/src/lib/rate-limit-postgres';
import { redisRateLimitStore } from '../server/src/lib/rate-limit-redis';
import { signInAccount, startTestApp } from '../server/src/test/app';

/**
 * What the shared rate limits cost (docs/deployment.md, "Limits"):
 * 1. one limiter call per store — memory, PostgreSQL (the UNLOGGED table), Redis — sequential
 *    (latency, this process's CPU) and 50 at once (calls per second);
 * 2. POST /api/v1/verify with a real token, per-IP limit off vs on (PostgreSQL store): requests
 *    per second and this process's CPU per request. Server and load generator share this
 *    process, so the CPU difference between the runs is the limiter's share.
 * Needs TEST_DATABASE_URL (PostgreSQL; the test app clones it); Redis at BENCH_REDIS_URL
 * (default redis://127.0.0.1:6379/15) is measured when it answers.
 */
const SEQUENTIAL = 3_000;
const CONCURRENT = 20_000;
const HTTP_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

if (!process.env.TEST_DATABASE_URL) {
  console.error('bench/rate-limit.ts needs TEST_DATABASE_URL (a migrated PostgreSQL database to clone)');
  process.exit(78);
}

async function measureStore(name: string, store: RateLimitStore, batched = false) {
  const window = { limit: 1_000_000_000, windowMs: 60_000 };
  const limiter: RateLimiter = batched
    ? createBatchedRateLimiter(store, `bench-${Date.now()}`, window)
    : createRateLimiter(store, `bench-${Date.now()}`, [window]);
  for (let i = 0; i < 200; i++) await limiter.take('warm');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) await limiter.take(`203.0.113.${i % 250}`);
  const seqMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const t1 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < CONCURRENT) {
        next++;
        await limiter.take(`198.51.100.${next % 250}`);
      }
    }),
  );
  const concurrentMs = performance.now() - t1;
  return {
    name,
    latencyUs: (seqMs * 1000) / SEQUENTIAL,
    cpuUs: (cpu.user + cpu.system) / SEQUENTIAL,
    perSecond: (CONCURRENT / concurrentMs) * 1000,
  };
}

async function measureVerify(perMinute: string) {
  const t = await startTestApp({ env: { RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE: perMinute } });
  try {
    const holder = await signInAccount(t, { holderKey: 'driver-electronic' });
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: holder.accountId } });
    const cert = await t.prisma.certificate.findFirstOrThrow({
      where: { holderId: account.holderId!, carrier: 'ELECTRONIC', activatedAt: { not: null } },
      orderBy: { createdAt: 'asc' },
    });
    const batch = await t.api(`/api/v1/me/certificates/${cert.id}/presentation`, { token: holder.token });
    const body = JSON.stringify({ token: heldQrAt(batch.json as PresentationBatch, Date.now())!.qrText });
    const run = (seconds: number) =>
      autocannon({
        url: `${t.baseUrl}/api/v1/verify`,
        connections: 20,
        duration: seconds,
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    await run(2);
    const cpu0 = process.cpuUsage();
    const result = await run(HTTP_SECONDS);
    const cpu = process.cpuUsage(cpu0);
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      cpuUsPerRequest: (cpu.user + cpu.system) / result.requests.total,
    };
  } finally {
    await t.close();
  }
}

const started = loadavg();
const t = await startTestApp({ seed: false });
const stores: [string, RateLimitStore][] = [
  ['memory (embedded default)', memoryRateLimitStore()],
  ['PostgreSQL (UNLOGGED table)', postgresRateLimitStore(t.deps.sql)],
];
const redis = redisRateLimitStore(redisUrl);
const redisUp = await createRateLimiter(redis, 'probe', [{ limit: 1, windowMs: 1000 }])
  .take(String(Date.now()))
  .then(() => true)
  .catch(() => false);
if (redisUp) stores.push(['Redis (REDIS_URL)', redis]);
else await redis.close();
const rows = [];
for (const [name, store] of stores) rows.push(await measureStore(name, store));
rows.push(await measureStore('PostgreSQL, batched (the verify limit)', stores[1]![1], true));
if (redisUp) rows.push(await measureStore('Redis, batched', redis, true));
for (const [, store] of stores) await store.close();
await t.close();

// Alternated, twice each, so drift in the machine's load shows as the spread between rounds.
const verifyRuns: { on: boolean; r: Awaited<ReturnType<typeof measureVerify>> }[] = [];
for (const on of [false, true, false, true]) verifyRuns.push({ on, r: await measureVerify(on ? '1000000' : '0') });

const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `\nRate limits: ${cpus().length} CPUs, load average ${started.map((l) => l.toFixed(2)).join(' ')} at start\n`,
);
console.log('| store | one call, sequential: latency µs | this process CPU µs/call | calls/s, 50 at once |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${f(r.latencyUs)} | ${f(r.cpuUs)} | ${f(r.perSecond)} |`);
console.log(
  `\n| POST /api/v1/verify (autocannon -c 20, ${HTTP_SECONDS} s, PostgreSQL) | req/s | p99 ms | non-2xx | process CPU µs/request |`,
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const { on, r } of verifyRuns)
  console.log(
    `| per-IP limit ${on ? 'on (PostgreSQL store, batched)' : 'off'} | ${f(r.rps)} | ${r.p99} | ${r.non2xx} | ${f(r.cpuUsPerRequest)} |`,
  );
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
process.exit(0);
