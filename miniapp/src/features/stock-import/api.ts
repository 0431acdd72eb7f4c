import {
  stockImportLimits,
  stockImportListSchema,
  stockImportViewSchema,
  type StockImportView,
} from '@roadcert/shared';
import { badResponseError } from '../../lib/api-error';
import { downloadStaffFile, uploadStaffFile } from '../../lib/staff-files';
import { staffRequest } from '../../lib/staff-session';
import { errorReportPath } from './import-view';

/** 存量导入 (DATA_STEWARD / ADMIN): upload, the imports and their error reports, the templates. */

const BASE = '/api/v1/staff/stock-imports';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Sends the file (progress 0..1); the server answers 202 with the import it started. */
export async function uploadStockFile(file: File, onProgress: (fraction: number) => void): Promise<StockImportView> {
  const body = await uploadStaffFile(BASE, stockImportLimits.fileField, file, onProgress);
  const parsed = stockImportViewSchema.safeParse(body);
  if (!parsed.success) throw badResponseError(202, parsed.error);
  return parsed.data;
}

export async function fetchStockImports(): Promise<StockImportView[]> {
  const list = await staffRequest({ path: BASE, schema: stockImportListSchema });
  return list.items;
}

export function fetchStockImport(id: string): Promise<StockImportView> {
  return staffRequest({ path: one(id), schema: stockImportViewSchema });
}

export function downloadErrorReport(view: StockImportView): Promise<void> {
  return downloadStaffFile(errorReportPath(view), `导入错误报告-${view.fileName}.csv`);
}

export function downloadTemplate(typeCode: string): Promise<void> {
  return downloadStaffFile(
    `${BASE}/template.csv?typeCode=${encodeURIComponent(typeCode)}`,
    `存量导入模板-${typeCode}.csv`,
  );
}
