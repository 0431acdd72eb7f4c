import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Issuance latency with the ministry receiver up and down (docs/aggregation.md, "Measured"): in
 * `npm run bench`; `node --import tsx bench/aggregation-issuance.ts [--issuances 400] [--rounds 4]`.
 *
 * The issuance path itself: `issueCertificate` in the approval's unit of work (number, identifier,
 * SM2 signature, certificate and events written, the paper base marked 已换发, two aggregation
 * outbox rows) — a 纸质证换领电子证 of synthetic paper/IC stock certificates, one after another.
 * The in-process worker delivers to the local receiver stand-in meanwhile. Rounds alternate: receiver
 * up (worker sending, the stock's outbox draining), receiver down (every connection dropped, the
 * breaker open, the outbox growing). p50/p99 of each. A clone of TEST_DATABASE_URL, else PGlite.
 */
const here = path.dirname(new URL(import.meta.url).pathname);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;

async function main() {
  const { values } = parseArgs({
    options: {
      issuances: { type: 'string', default: '400' },
      rounds: { type: 'string', default: '4' },
      stock: { type: 'string', default: '5000' },
    },
  });
  const total = Number(values.issuances);
  const rounds = Number(values.rounds);
  const { writeSyntheticStock } = await import('../server/src/cli/generate-stock');
  const file = path.join(os.tmpdir(), `synthetic-stock-issuance-${values.stock}.csv`);
  await writeSyntheticStock(file, { count: Number(values.stock), seed: 3 });
  const { default: migrate } = await import('../server/src/test/global-setup');
  await migrate();
  const { startTestApp } = await import('../server/src/test/app');
  const { createStockModule, startImport, runImport } = await import('../server/src/modules/stock');
  const { createApplicationsModule, issueCertificate } = await import('../server/src/modules/applications');
  const t = await startTestApp({ env: { MINISTRY_TIMEOUT_MS: '2000' } });
  try {
    const stock = createStockModule({ ...t.deps, compliance: undefined });
    const row = await startImport(stock, {
      fileName: path.basename(file),
      source: createReadStream(file),
      startedBy: null,
      maxBytes: Number.POSITIVE_INFINITY,
    });
    await runImport(stock, row.id, { chunkSize: 2000 });
    const bases = await t.prisma.certificate.findMany({
      where: { carrier: { in: ['PAPER', 'IC_CARD'] }, status: 'VALID', replacedById: null },
      select: { id: true, holderId: true, typeCode: true, areaCode: true },
      take: total,
    });
    if (bases.length < total) throw new Error(`only ${bases.length} paper/IC certificates to convert`);
    // The synthetic stock's issuers carry made-up codes; the electronic identifier (GB/T 36904) needs a
    // real one: the demo authority takes them over (set-up, not timed).
    await t.prisma.certificate.updateMany({
      where: { id: { in: bases.map((b) => b.id) } },
      data: { issuingAuthority: '广州市交通运输局', issuingAuthorityCode: '1144010000695581XU' },
    });
    const staff = await t.prisma.staffUser.findFirstOrThrow({});
    const applications = createApplicationsModule(t.deps);

    await t.deps.aggregation.start({ runWorker: true });
    const standIn = t.deps.aggregation.standIn()!;
    const worker = t.deps.aggregation.worker()!;
    const pending = () => t.deps.aggregation.repo.pendingCount();

    const issueOne = async (base: (typeof bases)[number]) => {
      const at = performance.now();
      await applications.data.transaction((r) =>
        issueCertificate(
          r,
          applications.issuance,
          {
            id: randomUUID(),
            holderId: base.holderId,
            typeCode: base.typeCode,
            kind: 'CONVERSION',
            baseCertificateId: base.id,
            areaCode: base.areaCode,
            formData: {},
          },
          staff.id,
        ),
      );
      return performance.now() - at;
    };

    const samples = { up: [] as number[], down: [] as number[] };
    const notes: string[] = [];
    const perRound = Math.floor(total / (rounds * 2));
    let next = 0;
    // Warm-up (JIT, pools, the signing key published): not counted.
    for (let i = 0; i < 10; i++) await issueOne(bases[next++]!);
    for (let round = 0; round < rounds; round++) {
      for (const phase of ['up', 'down'] as const) {
        if (phase === 'down') {
          standIn.setFaults({ outageSeconds: 3600 });
          const until = Date.now() + 30_000;
          while (worker.breaker.state() === 'closed' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        } else {
          // Receiver back: sampled once the breaker's probe has closed it and the worker sends again.
          standIn.setFaults({ outageSeconds: 0 });
          const until = Date.now() + 120_000;
          while (worker.breaker.state() !== 'closed' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        }
        const before = await pending();
        for (let i = 0; i < perRound && next < bases.length; i++) samples[phase].push(await issueOne(bases[next++]!));
        notes.push(
          `round ${round + 1} ${phase}: breaker ${worker.breaker.state()}, outbox pending ${before} → ${await pending()}`,
        );
      }
    }
    standIn.setFaults({ outageSeconds: 0 });
    console.log(notes.join('\n'));
    const figures = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return {
        n: xs.length,
        p50Ms: Number(percentile(sorted, 0.5).toFixed(1)),
        p99Ms: Number(percentile(sorted, 0.99).toFixed(1)),
        meanMs: Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)),
      };
    };
    const result = {
      database: t.deps.databaseKind,
      receiverUp: figures(samples.up),
      receiverDown: figures(samples.down),
      workerCounters: worker.counters(),
      loadAverage: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
      cpus: os.cpus().length,
    };
    console.table({ 'receiver up': result.receiverUp, 'receiver down (breaker open)': result.receiverDown });
    console.log(`load average ${result.loadAverage}`);
    await mkdir(path.join(here, 'results'), { recursive: true });
    await writeFile(
      path.join(here, 'results', `aggregation-issuance-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    await t.deps.aggregation.stop();
    await t.close();
    await rm(file, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
