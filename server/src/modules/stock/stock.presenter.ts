import { stockImportStateLabels, type StockImportView } from '@roadcert/shared';
import { csvCell } from './columns';
import type { StockImportRow, StockRepo } from './stock.repo';

export function presentImport(row: StockImportRow): StockImportView {
  return {
    id: row.id,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    format: row.format === 'xlsx' ? 'xlsx' : 'csv',
    state: row.state,
    stateLabel: stockImportStateLabels[row.state],
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    committedRows: row.committedRows,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    failed: row.failed,
    synthetic: row.synthetic,
    error: row.error,
    errorReportPath: `/api/v1/staff/stock-imports/${row.id}/errors.csv`,
  };
}

/**
 * The error report: UTF-8 with a BOM (so Excel opens the Chinese), columns 行号,列,原因, in file
 * order, read a page at a time. Reasons name the column and the problem, never echo an ID number.
 */
export async function errorReportCsv(repo: Pick<StockRepo, 'errorsAfter'>, importId: string): Promise<string> {
  const parts: string[] = ['\uFEFF行号,列,原因\r\n'];
  let after: { row: number; column: string } | null = null;
  for (;;) {
    const page = await repo.errorsAfter(importId, after, 5000);
    for (const e of page) parts.push(`${e.row},${csvCell(e.column)},${csvCell(e.reason)}\r\n`);
    if (page.length < 5000) break;
    const last = page[page.length - 1]!;
    after = { row: last.row, column: last.column };
  }
  return parts.join('');
}
