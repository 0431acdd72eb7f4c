import { z } from 'zod';
import { certificateTypeCodeSchema } from '../registry/type-codes';

/**
 * 存量证照导入 (stock import): staff (DATA_STEWARD or ADMIN) upload a CSV or XLSX export of
 * the provincial system of record; the server imports it in the background, resumably.
 * Column layout: docs/stock-import.md. Server: server/src/modules/stock.
 */

export const stockImportLimits = {
  /** Largest file accepted (streamed to storage, never buffered whole). */
  maxBytes: 200 * 1024 * 1024,
  fileField: 'file',
  formats: ['csv', 'xlsx'] as const,
  /** A first line starting with this marks generated data (StockImport.synthetic). */
  syntheticMarker: '# 合成数据',
} as const;

/**
 * The columns every certificate type shares, by key, with the Chinese header label the file
 * carries. The type's extension fields follow, headed by their registry labels.
 */
export const stockCommonColumns = [
  { key: 'typeCode', label: '类型代码', required: true },
  { key: 'number', label: '证照编号', required: true },
  { key: 'carrier', label: '载体', required: true },
  { key: 'status', label: '状态', required: true },
  { key: 'issuedOn', label: '发证日期', required: true },
  { key: 'validFrom', label: '有效期起', required: true },
  { key: 'validUntil', label: '有效期至', required: true },
  { key: 'issuingAuthority', label: '发证机关', required: true },
  { key: 'issuingAuthorityCode', label: '发证机关代码', required: true },
  { key: 'areaCode', label: '行政区划代码', required: true },
  { key: 'holderKind', label: '持证人类型', required: false },
  { key: 'holderName', label: '持证人名称', required: true },
  { key: 'holderIdNumber', label: '持证人证件号码', required: true },
  { key: 'sourceUpdatedAt', label: '更新时间', required: true },
] as const;
export type StockCommonColumnKey = (typeof stockCommonColumns)[number]['key'];

export const stockImportStateList = ['RUNNING', 'DONE', 'FAILED'] as const;
export const stockImportStateLabels: Record<(typeof stockImportStateList)[number], string> = {
  RUNNING: '导入中',
  DONE: '已完成',
  FAILED: '失败',
};

/** The multipart form of POST /api/v1/staff/stock-imports (documentation). */
export const stockImportUploadFormSchema = z.object({
  file: z.string().describe('The CSV (UTF-8, BOM optional) or XLSX file, at most 200 MB; name ending .csv or .xlsx'),
});

export const stockImportViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  format: z.enum(stockImportLimits.formats),
  state: z.enum(stockImportStateList),
  stateLabel: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Data rows read and committed so far (header and marker lines excluded). */
  committedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows older than or as old as the stored record (re-imports), and duplicates superseded in the file. */
  unchanged: z.number().int(),
  /** Rows refused: each has at least one line in the error report. */
  failed: z.number().int(),
  synthetic: z.boolean(),
  /** Why a FAILED import stopped (file unreadable), in Chinese. */
  error: z.string().nullable(),
  /** The error report (CSV, UTF-8 with BOM: 行号,列,原因). */
  errorReportPath: z.string(),
});
export type StockImportView = z.infer<typeof stockImportViewSchema>;

export const stockImportListSchema = z.object({ items: z.array(stockImportViewSchema) });
export type StockImportList = z.infer<typeof stockImportListSchema>;

export const stockImportTemplateQuerySchema = z.object({ typeCode: certificateTypeCodeSchema });
