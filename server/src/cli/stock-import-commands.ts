import { createReadStream } from 'node:fs';
import path from 'node:path';
import { runImport, startImport, type StockImportRow, type StockModule } from '../modules/stock';

/**
 * `npm run admin -- import:file --file <path>` imports a stock file from disk (scheduled
 * syncs, a first load too big for the browser); `import:resume --id <id>` continues an import
 * left RUNNING by a crash (or FAILED, its file still stored) from its last committed chunk;
 * `import:resume --all` does so for every RUNNING import started more than a minute ago. Run
 * resume only when the service that started the import is down (it would otherwise run twice).
 * docs/stock-import.md.
 */
export const STOCK_IMPORT_USAGE = `  npm run admin -- import:file --file <CSV 或 XLSX 路径>
  npm run admin -- import:resume --id <导入 id> | --all`;

export type StockImportCommandDeps = {
  stock: StockModule | undefined;
  out: (line: string) => void;
  now: () => Date;
  usageError: (message: string) => Error;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STALE_MS = 60_000;

function summary(row: StockImportRow): string {
  return `导入 ${row.id}: ${row.state}，已处理 ${row.committedRows} 行（新增 ${row.created}，更新 ${row.updated}，未变 ${row.unchanged}，拒绝 ${row.failed}）${row.error ? `，${row.error}` : ''}`;
}

export async function runStockImportCommand(
  command: 'import:file' | 'import:resume',
  values: { file?: string; id?: string; all?: boolean },
  deps: StockImportCommandDeps,
): Promise<number> {
  const { stock, out } = deps;
  if (!stock) throw deps.usageError('此安装未配置存量导入（stock import not wired）');
  if (command === 'import:file') {
    if (!values.file) throw deps.usageError('缺少参数 --file');
    const row = await startImport(stock, {
      fileName: path.basename(values.file),
      source: createReadStream(values.file),
      startedBy: null,
      maxBytes: Number.POSITIVE_INFINITY,
    });
    out(`开始导入 ${row.id}（${row.fileName}）`);
    const done = await runImport(stock, row.id);
    out(summary(done));
    return done.state === 'DONE' ? 0 : 1;
  }
  let ids: string[];
  if (values.all) {
    ids = (await stock.data.repos.stock.staleRunning(new Date(deps.now().getTime() - STALE_MS))).map((r) => r.id);
    if (ids.length === 0) out('没有需要续传的导入');
  } else {
    if (!values.id || !UUID.test(values.id)) throw deps.usageError('缺少或错误的参数 --id（导入 id）');
    ids = [values.id];
  }
  let failed = 0;
  for (const id of ids) {
    const done = await runImport(stock, id, { reopenFailed: !values.all });
    out(summary(done));
    if (done.state !== 'DONE') failed += 1;
  }
  return failed > 0 ? 1 : 0;
}
