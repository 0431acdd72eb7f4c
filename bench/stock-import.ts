import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Stock import (docs/stock-import.md, "Measured"): `npm run bench` runs it with 1,000,000 rows;
 * `node --import tsx bench/stock-import.ts --rows 200000 [--chunk 2000] [--no-recheck]`.
 *
 * A synthetic CSV of N rows (server/src/cli/generate-stock.ts, seed 1: all nine types, ~7 %
 * compliance defects, ~1 % refused rows) is generated first (not timed), then imported into a
 * fresh database — a clone of the migrated TEST_DATABASE_URL (PostgreSQL), else PGlite — the way
 * the API does it: streamed into storage while hashed, header checked, then run chunk by chunk
 * with the compliance recheck of every chunk (the container's, unless --no-recheck). Reports
 * rows/s (storing + importing, and importing alone) and this process's RSS sampled every
 * 250 ms: its peak and its value at each quarter of the import, to show it stays flat.
 * Target ≥ 10,000 rows/s. PostgreSQL's own memory is not included (another process).
 */
const here = path.dirname(new URL(import.meta.url).pathname);

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      chunk: { type: 'string', default: '2000' },
      'no-recheck': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const chunkSize = Number(values.chunk);
  const { writeSyntheticStock } = await import('../server/src/cli/generate-stock');
  const file = path.join(os.tmpdir(), `synthetic-stock-bench-${rows}.csv`);
  const generated = await writeSyntheticStock(file, { count: rows, seed: 1 });
  const bytes = (await stat(file)).size;
  console.log(
    `合成数据 synthetic file: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB (${generated.refused} to be refused)`,
  );

  const { default: migrate } = await import('../server/src/test/global-setup');
  await migrate();
  const { startTestApp } = await import('../server/src/test/app');
  const { createStockModule, startImport, runImport } = await import('../server/src/modules/stock');
  const t = await startTestApp({ seed: false });
  try {
    const module = createStockModule({
      ...t.deps,
      compliance: values['no-recheck'] ? undefined : t.deps.compliance,
    });

    // Where the time goes: the chunk statements (the database's share) against the rest.
    let dbMs = 0;
    const writeChunk = module.chunks.writeChunk;
    module.chunks.writeChunk = async (chunk) => {
      const at = performance.now();
      try {
        return await writeChunk(chunk);
      } finally {
        dbMs += performance.now() - at;
      }
    };
    const baselineRss = process.memoryUsage.rss();
    let peakRss = 0;
    let committed = 0;
    const quarters: number[] = [];
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      while (quarters.length < 4 && committed >= ((quarters.length + 1) * rows) / 4) quarters.push(rss);
    }, 250);
    const progress = setInterval(() => {
      void t.prisma.stockImport
        .findFirst({ orderBy: { startedAt: 'desc' }, select: { committedRows: true } })
        .then((r) => (committed = r?.committedRows ?? 0));
    }, 1000);

    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const row = await startImport(module, {
      fileName: path.basename(file),
      source: createReadStream(file),
      startedBy: null,
      maxBytes: Number.POSITIVE_INFINITY,
    });
    const stored = performance.now();
    const done = await runImport(module, row.id, { chunkSize });
    const finished = performance.now();
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const cpu = process.cpuUsage(cpu0);
    committed = done.committedRows;
    clearInterval(progress);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(sampler);

    const total = (finished - started) / 1000;
    const importing = (finished - stored) / 1000;
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    const result = {
      rows,
      chunkSize,
      recheck: !values['no-recheck'],
      database: t.deps.databaseKind,
      fileMB: Math.round(bytes / 1e6),
      state: done.state,
      error: done.error,
      created: done.created,
      updated: done.updated,
      unchanged: done.unchanged,
      failed: done.failed,
      storeSeconds: Number(((stored - started) / 1000).toFixed(1)),
      importSeconds: Number(importing.toFixed(1)),
      rowsPerSecond: Math.round(rows / total),
      rowsPerSecondImportOnly: Math.round(rows / importing),
      /** Share of the wall time this process's event loop was busy (parse, seal, recheck, pg client). */
      eventLoopBusy: Number(elu.toFixed(2)),
      nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      chunkStatementSeconds: Number((dbMs / 1000).toFixed(1)),
      baselineRssMB: mb(baselineRss),
      peakRssMB: mb(peakRss),
      rssAtQuartersMB: quarters.map(mb),
      cpus: os.cpus().length,
    };
    console.table([result]);
    await mkdir(path.join(here, 'results'), { recursive: true });
    await writeFile(
      path.join(here, 'results', `stock-import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    if (done.state !== 'DONE') process.exitCode = 1;
  } finally {
    // The cloned database is dropped and the file removed whatever happened.
    await t.close();
    await rm(file, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
