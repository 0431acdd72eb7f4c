import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * 数据归集 end to end (docs/aggregation.md, "Measured"): `npm run bench` runs it with 20,000
 * certificates; `node --import tsx bench/aggregation.ts --certificates 50000 [--batch 200]
 * [--concurrency 4] [--workers 1] [--faults 0.1] [--outage 60]`.
 *
 * N synthetic stock certificates are imported first (not timed; the import's single statement
 * writes one outbox row each), then the worker(s) deliver every outbox entry to the local
 * receiver stand-in — claim (SKIP LOCKED), record built from the row (number decrypted, holder
 * sealed with SM4, SM3 digest), SM2-signed HTTP batch, the stand-in's signature and digest checks
 * and insert, settle — until nothing is pending. Reports certificates/s from the first claim to
 * the last acknowledgement. With --faults p each fault kind hits a batch with probability p.
 * Target ≥ 2,000 certificates/s. A clone of the migrated TEST_DATABASE_URL (PostgreSQL), else PGlite.
 */
const here = path.dirname(new URL(import.meta.url).pathname);

async function main() {
  const { values } = parseArgs({
    options: {
      certificates: { type: 'string', default: '20000' },
      batch: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '4' },
      workers: { type: 'string', default: '1' },
      faults: { type: 'string', default: '0' },
      /** A receiver outage of this many seconds, one second after the workers start. */
      outage: { type: 'string', default: '0' },
    },
  });
  const n = Number(values.certificates);
  const faultRate = Number(values.faults);
  const { writeSyntheticStock } = await import('../server/src/cli/generate-stock');
  const file = path.join(os.tmpdir(), `synthetic-stock-aggregation-${n}.csv`);
  await writeSyntheticStock(file, { count: n, seed: 2 });

  const { default: migrate } = await import('../server/src/test/global-setup');
  await migrate();
  const { startTestApp } = await import('../server/src/test/app');
  const { createStockModule, startImport, runImport } = await import('../server/src/modules/stock');
  const { createAggregationWorker, createCircuitBreaker } = await import('../server/src/modules/aggregation');
  const { faultKinds } = await import('../server/src/adapters/ministry');
  const t = await startTestApp({ seed: false, env: { MINISTRY_TIMEOUT_MS: '2000' } });
  try {
    const stock = createStockModule({ ...t.deps, compliance: undefined });
    const row = await startImport(stock, {
      fileName: path.basename(file),
      source: createReadStream(file),
      startedBy: null,
      maxBytes: Number.POSITIVE_INFINITY,
    });
    const imported = await runImport(stock, row.id, { chunkSize: 2000 });
    const queued = await t.deps.aggregation.repo.pendingCount();
    console.log(`imported ${imported.created} certificates, ${queued} outbox entries pending`);

    await t.deps.aggregation.start({ runWorker: false });
    const standIn = t.deps.aggregation.standIn()!;
    if (faultRate > 0)
      standIn.setFaults({
        rates: Object.fromEntries(faultKinds.map((k) => [k, faultRate])),
        retryAfterSeconds: 1,
        slowMs: 200,
        timeoutHoldMs: 3000,
      });
    const client = await t.deps.aggregation.client();
    // Where the time goes: each worker statement's total wall time (concurrent lanes overlap).
    const timings: Record<string, number> = {};
    const repo = t.deps.aggregation.repo as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const name of ['claim', 'sources', 'settle'] as const) {
      const fn = repo[name]!;
      repo[name] = async (...a: unknown[]) => {
        const at = performance.now();
        try {
          return await fn(...a);
        } finally {
          timings[name] = (timings[name] ?? 0) + performance.now() - at;
        }
      };
    }
    const send = client.sendBatch.bind(client);
    client.sendBatch = async (b) => {
      const at = performance.now();
      try {
        return await send(b);
      } finally {
        timings.send = (timings.send ?? 0) + performance.now() - at;
      }
    };
    const workers = Array.from({ length: Number(values.workers) }, () =>
      createAggregationWorker({
        repo: t.deps.aggregation.repo,
        client,
        keys: { fieldCrypto: t.deps.fieldCrypto, transport: t.deps.aggregation.transport },
        logger: t.deps.logger,
        options: {
          batchSize: Number(values.batch),
          concurrency: Number(values.concurrency),
          idleMs: 20,
          baseDelayMs: 200,
          maxDelayMs: 2000,
          maxAttempts: 50,
        },
        breaker: createCircuitBreaker({ threshold: 5, cooldownMs: 500, maxCooldownMs: 2000 }),
      }),
    );
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    for (const w of workers) w.start();
    const outage = Number(values.outage);
    const outageTimer = outage > 0 ? setTimeout(() => standIn.setFaults({ outageSeconds: outage }), 1000) : undefined;
    while ((await t.deps.aggregation.repo.pendingCount()) > 0) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    clearTimeout(outageTimer);
    const cpu = process.cpuUsage(cpu0);
    await Promise.all(workers.map((w) => w.stop()));

    const stats = standIn.stats();
    const acked = await t.prisma.aggregationOutbox.count({ where: { state: 'ACKED' } });
    const dead = await t.prisma.aggregationOutbox.count({ where: { state: 'DEAD' } });
    const superseded = await t.prisma.aggregationOutbox.count({ where: { state: 'SUPERSEDED' } });
    const held = await t.prisma.ministryReceived.count();
    const result = {
      certificates: n,
      entries: queued,
      database: t.deps.databaseKind,
      batch: Number(values.batch),
      concurrency: Number(values.concurrency),
      workers: workers.length,
      faultRatePerKind: faultRate,
      outageSeconds: outage,
      seconds: Number(seconds.toFixed(2)),
      certificatesPerSecond: Math.round(acked / seconds),
      acked,
      superseded,
      dead,
      receiverHeld: held,
      receiverDuplicates: stats.duplicates,
      receiverStaleRefused: stats.staleRefused,
      outOfOrderApplied: stats.outOfOrderApplied,
      faults: JSON.stringify(stats.faults),
      receiverDbSeconds: Number((stats.dbMs / 1000).toFixed(1)),
      statementSeconds: JSON.stringify(
        Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, +(v / 1000).toFixed(1)])),
      ),
      nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      cpus: os.cpus().length,
    };
    console.table([result]);
    await mkdir(path.join(here, 'results'), { recursive: true });
    await writeFile(
      path.join(here, 'results', `aggregation-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    // Every entry settled: acknowledged, or superseded by a newer version of its certificate (a
    // stock file may carry one certificate twice); the receiver holds each acknowledged one once.
    if (acked + superseded !== queued || held !== acked || dead !== 0 || stats.outOfOrderApplied !== 0) {
      console.error('not every entry was delivered exactly once');
      process.exitCode = 1;
    }
  } finally {
    await t.deps.aggregation.stop();
    await t.close();
    await rm(file, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
