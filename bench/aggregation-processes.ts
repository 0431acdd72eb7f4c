import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminQuery } from '../server/src/test/processes';

/**
 * 数据归集 with two real worker processes and kill -9 (docs/aggregation.md, "Measured"): in
 * `npm run bench`; `node --import tsx bench/aggregation-processes.ts [--certificates 100000]
 * [--changes 100000] [--faults 0.015] [--outage 60] [--outage-at 20] [--kill-at 5]`.
 *
 * A clone of the migrated TEST_DATABASE_URL (PostgreSQL: the worker processes need it). N synthetic
 * stock rows are imported (not timed), then two `server/src/worker.ts` processes (`npm run worker`,
 * client ids worker-a / worker-b) deliver to the local receiver stand-in run by this process, while
 * this process: enqueues more changes (new versions of delivered or pending certificates) until
 * the outbox has seen `--changes` entries; injects every fault kind at `--faults` per kind and batch;
 * drops every connection for `--outage` seconds from `--outage-at`; and, at `--kill-at`, SIGKILLs
 * worker-a the moment the stand-in has stored one of its batches and before the answer leaves (mid-batch:
 * stored, never acknowledged to it), then starts worker-a2 in its place. At the end: reconciliation,
 * and the checks — every certificate's latest version held by the receiver and acknowledged, none
 * stored twice, no older version received after a newer one.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');

async function main() {
  const { values } = parseArgs({
    options: {
      certificates: { type: 'string', default: '100000' },
      changes: { type: 'string', default: '100000' },
      faults: { type: 'string', default: '0.015' },
      outage: { type: 'string', default: '60' },
      'outage-at': { type: 'string', default: '20' },
      'kill-at': { type: 'string', default: '5' },
      'restart-after': { type: 'string', default: '3' },
      batch: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const n = Number(values.certificates);
  const templateUrl = process.env.TEST_DATABASE_URL;
  if (!templateUrl) throw new Error('TEST_DATABASE_URL (PostgreSQL) is needed: the worker processes share it');
  const { writeSyntheticStock } = await import('../server/src/cli/generate-stock');
  const file = path.join(os.tmpdir(), `synthetic-stock-aggregation-${n}.csv`);
  await writeSyntheticStock(file, { count: n, seed: 2 });

  const { default: migrate } = await import('../server/src/test/global-setup');
  await migrate();
  const name = `${new URL(templateUrl).pathname.slice(1)}_procs_${randomBytes(3).toString('hex')}`;
  const adminSql = (text: string) => adminQuery(templateUrl, text);
  await adminSql(`CREATE DATABASE "${name}" TEMPLATE "${new URL(templateUrl).pathname.slice(1)}"`);
  const dbUrl = new URL(templateUrl);
  dbUrl.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-bench-procs-'));

  const { loadConfig } = await import('../server/src/config');
  const { createLogger } = await import('../server/src/lib/logger');
  const { generateStoredKeys, keyMaterialFrom } = await import('../server/src/lib/key-material');
  const { openDatabase } = await import('../server/src/db/database');
  const { createContainer } = await import('../server/src/container');
  const { createStockModule, startImport, runImport } = await import('../server/src/modules/stock');
  const { reconcile } = await import('../server/src/modules/aggregation');
  const { enqueueAggregation } = await import('../server/src/modules/certificates');
  const ministry = await import('../server/src/adapters/ministry');

  // The worker processes read the same keys from DATA_DIR/keys.json (embedded key file).
  const stored = generateStoredKeys();
  await writeFile(path.join(dataDir, 'keys.json'), JSON.stringify(stored), { mode: 0o600 });
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: dbUrl.toString(),
    DATABASE_POOL_MAX: '16',
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('silent');
  const keys = keyMaterialFrom(stored);
  const database = await openDatabase(config.database);
  const deps = createContainer({ config, logger, database, keys });
  const { sql } = database;
  const count = async (text: string) => Number((await sql.query<{ n: string }>(text)).rows[0]!.n);
  const workers: { id: string; child: ChildProcess }[] = [];
  let standIn: Awaited<ReturnType<typeof ministry.startReceiverStandIn>> | null = null;
  try {
    const stock = createStockModule({ ...deps, compliance: undefined });
    const row = await startImport(stock, {
      fileName: path.basename(file),
      source: createReadStream(file),
      startedBy: null,
      maxBytes: Number.POSITIVE_INFINITY,
    });
    const imported = await runImport(stock, row.id, { chunkSize: 2000 });
    const initial = await count(`SELECT count(*) AS n FROM "AggregationOutbox"`);
    console.log(`imported ${imported.created} certificates, ${initial} outbox entries pending`);

    // Mid-batch kill: armed at --kill-at; fires when the stand-in has stored a batch of worker-a.
    let armed = false;
    let killed: { records: number; atSeconds: number } | null = null;
    let started = 0;
    const transportKey = randomBytes(16).toString('base64');
    const log = path.join(dataDir, 'workers.log');
    const logFd = openSync(log, 'a');
    const spawnWorker = (id: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/worker.ts')], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: dataDir,
          DATABASE_URL: dbUrl.toString(),
          DATABASE_POOL_MAX: '6',
          MINISTRY_URL: standIn!.url,
          MINISTRY_CLIENT_ID: id,
          MINISTRY_TRANSPORT_KEY: transportKey,
          MINISTRY_TIMEOUT_MS: '2000',
          AGGREGATION_BATCH_SIZE: values.batch,
          AGGREGATION_CONCURRENCY: values.concurrency,
          AGGREGATION_MAX_ATTEMPTS: '50',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', logFd, logFd],
      });
      workers.push({ id, child });
      return child;
    };
    standIn = await ministry.startReceiverStandIn({
      repo: ministry.createReceiverStandInRepo(sql),
      keyFor: (kid) => (kid === keys.signing.kid ? keys.signing.publicKey : undefined),
      logger,
      faults: { timeoutHoldMs: 3000 },
      onTaken: async (clientId, records) => {
        if (!armed || clientId !== 'worker-a') return;
        armed = false;
        const victim = workers.find((w) => w.id === 'worker-a')!.child;
        victim.kill('SIGKILL');
        await new Promise((r) => victim.once('exit', r));
        killed = { records, atSeconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
        console.log(`worker-a killed (SIGKILL) after its batch of ${records} was stored, before the answer`);
        setTimeout(() => spawnWorker('worker-a2'), Number(values['restart-after']) * 1000);
      },
    });
    const faultRate = Number(values.faults);
    if (faultRate > 0)
      standIn.setFaults({
        rates: Object.fromEntries(ministry.faultKinds.map((k) => [k, faultRate])),
        retryAfterSeconds: 1,
        slowMs: 200,
      });

    spawnWorker('worker-a');
    spawnWorker('worker-b');
    // The clock starts when both processes are up (their first heartbeat).
    while ((await count(`SELECT count(*) AS n FROM "AggregationWorkerState"`)) < 2)
      await new Promise((r) => setTimeout(r, 100));
    started = performance.now();
    const cpu0 = process.cpuUsage();
    const timers = [
      setTimeout(() => (armed = true), Number(values['kill-at']) * 1000),
      setTimeout(
        () => standIn!.setFaults({ outageSeconds: Number(values.outage) }),
        Number(values['outage-at']) * 1000,
      ),
    ];

    // More changes while delivery runs: new versions of random certificates, each in a transaction
    // of its own as a status change or a supplement makes it, until the outbox has seen --changes
    // entries (spread over the first 30 s).
    const extra = Math.max(0, Number(values.changes) - initial);
    const ids = (
      await sql.query<{ id: string }>(`SELECT id::text FROM "Certificate" ORDER BY random() LIMIT $1`, [extra])
    ).rows.map((r) => r.id);
    const perStep = Math.max(1, Math.ceil(extra / 15));
    const changing = (async () => {
      for (let i = 0; i < ids.length; i += perStep) {
        const step = ids.slice(i, i + perStep);
        for (let j = 0; j < step.length; j += 4)
          await Promise.all(
            step.slice(j, j + 4).map((id) =>
              database.prisma.$transaction((tx) => enqueueAggregation(tx, id, 'CHANGED', { bench: 'change' }), {
                maxWait: 30_000,
              }),
            ),
          );
        await new Promise((r) => setTimeout(r, 2000));
      }
    })();

    let lastReport = 0;
    let changesDone = false;
    // A failed change ends the run (the workers are stopped in `finally`), not the process.
    let changeFailure: unknown = null;
    void changing.then(
      () => (changesDone = true),
      (err: unknown) => {
        changeFailure = err;
        changesDone = true;
      },
    );
    while (!changesDone || (await deps.aggregation.repo.pendingCount()) > 0) {
      await new Promise((r) => setTimeout(r, 500));
      const at = (performance.now() - started) / 1000;
      if (at - lastReport >= 10) {
        lastReport = at;
        const breakers = await sql.query<{ workerId: string; breaker: string }>(
          `SELECT "workerId", breaker FROM "AggregationWorkerState" WHERE "seenAt" > now() - interval '30 seconds'`,
        );
        console.log(
          `${at.toFixed(0)} s: pending ${await deps.aggregation.repo.pendingCount()}, breakers ${breakers.rows.map((b) => b.breaker).join('/')}`,
        );
      }
    }
    if (changeFailure) throw changeFailure;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    timers.forEach(clearTimeout);
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(
      workers.map((w) =>
        w.child.exitCode !== null || w.child.signalCode !== null
          ? undefined
          : new Promise((r) => w.child.once('exit', r)),
      ),
    );

    // Reconciliation against the receiver, faults off.
    standIn.setFaults({ rates: {}, script: [], outageSeconds: 0 });
    const client = ministry.createHttpMinistryClient({
      baseUrl: standIn.url,
      target: 'stand-in',
      signer: { clientId: 'bench', keyId: keys.signing.kid, privateKey: keys.signing.privateKey },
    });
    const reconciliation = await reconcile({ repo: deps.aggregation.repo, client, logger });
    client.close?.();

    const stats = standIn.stats();
    const entries = await count(`SELECT count(*) AS n FROM "AggregationOutbox"`);
    const byState = Object.fromEntries(
      (
        await sql.query<{ state: string; n: number }>(
          `SELECT state::text, count(*)::int AS n FROM "AggregationOutbox" GROUP BY 1`,
        )
      ).rows.map((r) => [r.state, r.n]),
    );
    const certificates = await count(`SELECT count(*) AS n FROM "CertificateAggregation"`);
    // Lost: a certificate whose latest version the receiver does not hold, or that is not acknowledged.
    const lost = await count(
      `SELECT count(*) AS n FROM "CertificateAggregation" a
       LEFT JOIN (SELECT "certificateId", max(version) AS v FROM "MinistryReceived" GROUP BY 1) m
         ON m."certificateId" = a."certificateId"
       WHERE m.v IS DISTINCT FROM a.version OR a."ackedVersion" <> a.version`,
    );
    const storedTwice = await count(
      `SELECT count(*) - count(DISTINCT ("certificateId", version)) AS n FROM "MinistryReceived"`,
    );
    const outOfOrder = await count(
      `SELECT count(*) AS n FROM "MinistryReceived" a JOIN "MinistryReceived" b
         ON a."certificateId" = b."certificateId" AND a.version < b.version AND a."receivedAt" > b."receivedAt"`,
    );
    const acked = byState.ACKED ?? 0;
    const result = {
      entries,
      certificates,
      database: 'postgres',
      processes: 'worker-a (killed) → worker-a2, worker-b',
      batch: Number(values.batch),
      concurrencyPerProcess: Number(values.concurrency),
      faultRatePerKind: faultRate,
      outageSeconds: Number(values.outage),
      seconds: Number(seconds.toFixed(1)),
      entriesAckedPerSecond: Math.round(acked / seconds),
      acked,
      superseded: byState.SUPERSEDED ?? 0,
      dead: byState.DEAD ?? 0,
      pending: byState.PENDING ?? 0,
      lost,
      storedTwice,
      outOfOrderOverwrites: outOfOrder,
      receiverDuplicateAcks: stats.duplicates,
      receiverStaleRefused: stats.staleRefused,
      killedMidBatch: JSON.stringify(killed),
      reconciliation: JSON.stringify({
        state: reconciliation.state,
        groups: reconciliation.groups,
        mismatched: reconciliation.mismatched,
        requeued: reconciliation.requeued,
      }),
      faults: JSON.stringify(stats.faults),
      batchesByProcess: JSON.stringify(stats.byClient),
      benchProcessCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      loadAverage: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
      cpus: os.cpus().length,
    };
    console.table(Object.entries(result).map(([k, v]) => ({ figure: k, value: v })));
    await mkdir(path.join(here, 'results'), { recursive: true });
    await writeFile(
      path.join(here, 'results', `aggregation-processes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const ok =
      killed !== null &&
      result.pending === 0 &&
      result.dead === 0 &&
      acked + result.superseded === entries &&
      lost === 0 &&
      storedTwice === 0 &&
      outOfOrder === 0 &&
      stats.outOfOrderApplied === 0 &&
      reconciliation.mismatched === 0;
    if (!ok) {
      console.error(`not every change was delivered exactly once and in order (worker log: ${log})`);
      process.exitCode = 1;
    }
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await standIn?.close();
    await database.close();
    await adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    if (process.exitCode !== 1) await rm(dataDir, { recursive: true, force: true });
    await rm(file, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
