import { stockImportLimits, type StockImportView } from '@roadcert/shared';

/** 存量导入 as staff read it, without React: the file check, progress, the counts. */

export const STOCK_FILE_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 1536 → '1.5 KB'; 200 MB limits read as '200 MB'. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Why a chosen file cannot be sent (the server's own limits), or null. */
export function fileProblem(file: { name: string; size: number }): string | null {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(stockImportLimits.formats as readonly string[]).includes(extension))
    return '只能导入 CSV 或 XLSX 文件（文件名以 .csv 或 .xlsx 结尾）';
  if (file.size <= 0) return '文件是空的';
  if (file.size > stockImportLimits.maxBytes) return `文件不能超过 ${formatBytes(stockImportLimits.maxBytes)}`;
  return null;
}

/** 0.426 → '42%'. */
export function progressLabel(fraction: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

export interface CountRow {
  key: string;
  label: string;
  value: number;
  tone: 'plain' | 'good' | 'bad';
}

/** What an import did, in reading order. */
export function importCounts(view: StockImportView): CountRow[] {
  return [
    { key: 'committedRows', label: '已处理行数', value: view.committedRows, tone: 'plain' },
    { key: 'created', label: '新增', value: view.created, tone: 'good' },
    { key: 'updated', label: '更新', value: view.updated, tone: 'good' },
    { key: 'unchanged', label: '未变化', value: view.unchanged, tone: 'plain' },
    { key: 'failed', label: '失败', value: view.failed, tone: view.failed > 0 ? 'bad' : 'plain' },
  ];
}

export function isRunning(view: Pick<StockImportView, 'state'>): boolean {
  return view.state === 'RUNNING';
}

/** One line for the list: '已完成 · 新增 10 · 更新 2 · 失败 1'. */
export function importSummary(view: StockImportView): string {
  const parts = [
    view.stateLabel,
    `新增 ${view.created}`,
    `更新 ${view.updated}`,
    `未变化 ${view.unchanged}`,
    `失败 ${view.failed}`,
  ];
  return parts.join(' · ');
}

/** The import's error report (行号,列,原因): the path the server gives, else the documented one. */
export function errorReportPath(view: Pick<StockImportView, 'id' | 'errorReportPath'>): string {
  if (view.errorReportPath.startsWith('/api/')) return view.errorReportPath;
  return `/api/v1/staff/stock-imports/${encodeURIComponent(view.id)}/errors.csv`;
}
