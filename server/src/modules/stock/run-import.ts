import { errorCodes } from '@roadcert/shared';
import { AppError } from '../../errors';
import { rotationRunning } from './start-import';
import { readHeader, type HeaderLayout } from './columns';
import { parseRow, type ParsedRow } from './parse-row';
import { prepareChunk } from './prepare-chunk';
import type { ChunkInput } from './stock-chunk.repo';
import { deleteStockFile, openStockFile } from './stock-file';
import type { StockModule } from './stock.module';
import type { StockImportRow } from './stock.repo';
import { isComment, isSyntheticMarker, readLines, type StockFormat } from './read-rows';

/**
 * Runs (or resumes) one stock import from its stored file (docs/stock-import.md):
 * - the file is streamed and cut into chunks of `chunkSize` data rows;
 * - each chunk commits as one statement (stock-chunk.repo.ts): holders, vehicles, certificates
 *   (insert, or update when the row is newer), one aggregation outbox row per created or changed
 *   certificate, the refused rows' errors, and the import's progress (`committedRows`), so a
 *   crash loses at most the chunk in flight and a resume skips exactly what was committed;
 * - while a chunk is in the database the next one is read, parsed and sealed;
 * - after each commit the compliance module rechecks the chunk's certificates, while the next
 *   chunk is written (the recheck never fails the import: see `recheck`).
 * `shouldStop` (tests: a simulated crash) ends the run after a commit and leaves it RUNNING.
 */
export type RunOptions = {
  chunkSize?: number;
  shouldStop?: (chunksCommitted: number) => boolean;
  /** A FAILED import whose file is still stored runs again from its last chunk (CLI import:resume --id). */
  reopenFailed?: boolean;
};

export const DEFAULT_CHUNK_SIZE = 2000;

export async function runImport(
  module: StockModule,
  importId: string,
  options: RunOptions = {},
): Promise<StockImportRow> {
  const { data, deps } = module;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let start = await data.repos.stock.find(importId);
  if (!start) throw new AppError('NOT_FOUND');
  if (start.state === 'FAILED' && options.reopenFailed && start.storageKey)
    start = await data.repos.stock.reopen(importId);
  if (start.state !== 'RUNNING') return start;
  if (rotationRunning(module)) {
    const paused = await data.repos.stock.finish(importId, 'FAILED', errorCodes.IMPORT_PAUSED.message);
    await auditFinished(module, paused, 'FAILED');
    return paused;
  }

  let chunks = 0;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  let rechecking: Promise<void> = Promise.resolve();
  try {
    const lines = readLines(openStockFile(deps.storage, importId), start.format as StockFormat);
    let layout: HeaderLayout | null = null;
    let dataRows = 0;
    let pending: ParsedRow[] = [];

    const submit = async (rows: ParsedRow[]) => {
      const prepared = prepareChunk(importId, rows, deps.fieldCrypto);
      await inFlight;
      if (stopped) return;
      // The recheck of chunk k runs while chunk k+1 is written; at most one is outstanding.
      const previousRecheck = rechecking;
      inFlight = commitChunk(module, prepared).then(async (ids) => {
        chunks += 1;
        await previousRecheck;
        rechecking = recheck(module, ids);
        if (options.shouldStop?.(chunks)) stopped = true;
      });
    };

    for await (const { line, cells } of lines) {
      if (!layout) {
        if (isSyntheticMarker(cells) && !start.synthetic) await data.repos.stock.markSynthetic(importId);
        if (isComment(cells)) continue;
        layout = readHeader(cells);
        continue;
      }
      dataRows += 1;
      if (dataRows <= start.committedRows) continue;
      pending.push(parseRow(layout, cells, line));
      if (pending.length >= chunkSize) {
        await submit(pending);
        pending = [];
        if (stopped) break;
      }
    }
    if (!layout) throw new AppError('IMPORT_FILE_INVALID', { message: '导入文件没有表头行' });
    if (!stopped && pending.length > 0) await submit(pending);
    await inFlight;
    await rechecking;
    if (stopped) return (await data.repos.stock.find(importId))!;

    const done = await data.repos.stock.finish(importId, 'DONE', null);
    await deleteStockFile(deps.storage, importId).catch((err: unknown) =>
      deps.logger.warn({ err, importId }, 'stock import: stored file not removed'),
    );
    await auditFinished(module, done, 'OK');
    return done;
  } catch (err) {
    await inFlight.catch(() => undefined);
    await rechecking;
    const message =
      err instanceof AppError ? err.message : '导入中断：文件无法读取或数据库出错，可稍后续传（import:resume）';
    if (!(err instanceof AppError)) deps.logger.error({ err, importId }, 'stock import failed');
    const failed = await data.repos.stock.finish(importId, 'FAILED', message.slice(0, 500));
    await auditFinished(module, failed, 'FAILED');
    return failed;
  }
}

async function auditFinished(module: StockModule, row: StockImportRow, outcome: 'OK' | 'FAILED') {
  await module.deps.audit.record({
    actorKind: row.startedBy ? 'STAFF' : 'SYSTEM',
    actorId: row.startedBy ?? 'stock-import',
    action: outcome === 'OK' ? 'stock_import.finished' : 'stock_import.failed',
    subjectType: 'stock_import',
    subjectId: row.id,
    outcome,
    detail: {
      rows: row.committedRows,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      failed: row.failed,
      synthetic: row.synthetic,
    },
  });
}

let recheckMissingLogged = false;

async function recheck(module: StockModule, ids: string[]) {
  if (ids.length === 0) return;
  const compliance = module.deps.compliance;
  if (!compliance) {
    if (!recheckMissingLogged) module.deps.logger.warn('stock import: no compliance recheck wired; skipped');
    recheckMissingLogged = true;
    return;
  }
  try {
    await compliance.recheckCertificates(ids);
  } catch (err) {
    // The chunk is committed; the batch check will find what this recheck missed.
    module.deps.logger.error({ err, count: ids.length }, 'stock import: compliance recheck failed');
  }
}

/** One chunk, one statement (stock-chunk.repo.ts): committed whole or not at all. */
async function commitChunk(module: StockModule, chunk: ChunkInput): Promise<string[]> {
  const written = await module.chunks.writeChunk(chunk);
  return written.map((w) => w.id);
}
