import { Readable } from 'node:stream';
import { stockImportLimits } from '@roadcert/shared';
import { AppError } from '../../errors';
import { uuidv7 } from '../../lib/uuidv7';
import { readHeader } from './columns';
import { deleteStockFile, openStockFile, stockFilePrefix, storeStockFile } from './stock-file';
import type { StockModule } from './stock.module';
import type { StockImportRow } from './stock.repo';
import { formatOf, isComment, readLines } from './read-rows';

export type StartInput = {
  fileName: string;
  /** The file's bytes as they arrive (the upload stream, or a file read by the CLI). */
  source: AsyncIterable<Buffer>;
  /** STAFF id; null for the CLI. */
  startedBy: string | null;
  requestId?: string | null;
  /** The upload's limit (200 MB) by default; the CLI reads files from disk without one. */
  maxBytes?: number;
};

/**
 * Accepts a stock file: stores it (hashing on the way), checks its header, and records the
 * RUNNING import. The caller runs it (`runImport`), in the background for the API. The same
 * file while its import is still RUNNING → IMPORT_RUNNING; after that a new import of the same
 * file is allowed (and changes nothing).
 */
export async function startImport(module: StockModule, input: StartInput): Promise<StockImportRow> {
  const { data, deps } = module;
  const format = formatOf(input.fileName);
  if (rotationRunning(module)) {
    await drain(input.source);
    throw new AppError('IMPORT_PAUSED');
  }
  if (!format) {
    await drain(input.source);
    throw new AppError('IMPORT_FILE_INVALID', { message: '只能导入 .csv 或 .xlsx 文件' });
  }
  const id = uuidv7();
  try {
    const stored = await storeStockFile(
      deps.storage,
      id,
      input.source,
      input.maxBytes ?? stockImportLimits.maxBytes,
    ).catch((err) => {
      if (err instanceof RangeError) throw new AppError('IMPORT_FILE_INVALID', { message: '导入文件不能超过200MB' });
      throw err;
    });
    if (stored.bytes === 0) throw new AppError('IMPORT_FILE_INVALID', { message: '导入文件为空' });
    await checkHeader(module, id, format);
    if (await data.repos.stock.runningWithSha(stored.sha256)) throw new AppError('IMPORT_RUNNING');
    const row = await data.repos.stock.create({
      id,
      fileName: input.fileName.slice(-200),
      fileSha256: stored.sha256,
      format,
      storageKey: stockFilePrefix(id),
      startedBy: input.startedBy,
    });
    await deps.audit.record({
      actorKind: input.startedBy ? 'STAFF' : 'SYSTEM',
      actorId: input.startedBy ?? 'stock-import',
      action: 'stock_import.started',
      subjectType: 'stock_import',
      subjectId: id,
      outcome: 'OK',
      requestId: input.requestId ?? null,
      detail: { format, bytes: stored.bytes },
    });
    return row;
  } catch (err) {
    await deleteStockFile(deps.storage, id).catch(() => undefined);
    throw err;
  }
}

/** Reads up to the header line (comment and marker lines before it allowed). */
async function checkHeader(module: StockModule, id: string, format: 'csv' | 'xlsx') {
  const source = openStockFile(module.deps.storage, id);
  try {
    for await (const { cells } of readLines(source, format)) {
      if (isComment(cells)) continue;
      readHeader(cells);
      return;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('IMPORT_FILE_INVALID', { message: `无法读取${format === 'csv' ? ' CSV' : ' XLSX'} 文件` });
  } finally {
    source.destroy();
  }
  throw new AppError('IMPORT_FILE_INVALID', { message: '导入文件没有表头行' });
}

async function drain(source: AsyncIterable<Buffer>) {
  if (source instanceof Readable) source.resume();
  else for await (const chunk of source) void chunk;
}

/**
 * While a blind-index rotation runs (more than one key configured), an import could not find a
 * holder or certificate stored under the old key's digest by its ON CONFLICT keys, and would
 * create a second one: imports wait until the re-index job has finished and the old key is
 * gone (docs/retention.md, "Key rotation").
 */
export const rotationRunning = (module: StockModule) => module.deps.fieldCrypto.blindIndexKeyIds.length > 1;
