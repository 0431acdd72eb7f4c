import { z } from 'zod';
import {
  stockImportListSchema,
  stockImportTemplateQuerySchema,
  stockImportUploadFormSchema,
  stockImportViewSchema,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AuthState } from '../../http/auth-state';
import type { createRouteTable } from '../../http/route';
import { currentStaff, STEWARD_ROLES } from '../account';
import { templateCsv } from './columns';
import { readStockUpload } from './read-upload';
import { runImport } from './run-import';
import { startImport } from './start-import';
import { createStockModule, type StockDeps } from './stock.module';
import { errorReportCsv, presentImport } from './stock.presenter';

const idParams = z.object({ id: z.uuid() });
/** A CSV download: the route declares its content type, the handler its Content-Disposition; the body is the text. */
const csvText = z.string().describe('UTF-8 with BOM');
const CSV = 'text/csv; charset=utf-8';

/** Only data stewards and administrators import stock. */
const steward = (state: AuthState) => currentStaff(state, STEWARD_ROLES);

/** 存量证照导入 (docs/stock-import.md): upload, progress, error report, templates. */
export function stockRoutes({ route }: ReturnType<typeof createRouteTable>, deps: StockDeps) {
  const module = createStockModule(deps);
  const repo = module.data.repos.stock;

  route({
    method: 'post',
    path: '/api/v1/staff/stock-imports',
    summary:
      'Upload a stock file (CSV or XLSX, ≤ 200 MB, streamed to storage); 202 with the import, which runs in the background (DATA_STEWARD or ADMIN)',
    tags: ['stock'],
    access: 'staff',
    rawBody: {
      contentType: 'multipart/form-data',
      schema: stockImportUploadFormSchema,
      description: 'One file part `file`; its file name must end .csv or .xlsx',
    },
    status: 202,
    response: stockImportViewSchema,
    handler: async (ctx) => {
      const staff = steward(ctx.state);
      const upload = await readStockUpload(ctx);
      let row;
      try {
        row = await startImport(module, {
          fileName: upload.fileName,
          source: upload.stream,
          startedBy: staff.staffUserId,
          requestId: ctx.state.requestId,
        });
      } catch (err) {
        upload.stream.resume();
        ctx.req.resume();
        throw err;
      }
      void runImport(module, row.id).catch((err: unknown) =>
        deps.logger.error({ err, importId: row.id }, 'stock import crashed'),
      );
      return presentImport(row);
    },
  });

  route({
    method: 'get',
    path: '/api/v1/staff/stock-imports',
    summary: 'The latest 50 stock imports, newest first (DATA_STEWARD or ADMIN)',
    tags: ['stock'],
    access: 'staff',
    response: stockImportListSchema,
    handler: async (ctx) => {
      steward(ctx.state);
      return { items: (await repo.list(50)).map(presentImport) };
    },
  });

  // Before /:id, which would otherwise take "template.csv" for an id.
  route({
    method: 'get',
    path: '/api/v1/staff/stock-imports/template.csv',
    summary: 'The CSV template of one certificate type: header + one synthetic example row (UTF-8 with BOM)',
    tags: ['stock'],
    access: 'staff',
    query: stockImportTemplateQuerySchema,
    response: csvText,
    responseContentType: CSV,
    handler: async (ctx, { query }) => {
      steward(ctx.state);
      ctx.attachment(`stock-template-${query.typeCode}.csv`);
      return templateCsv(query.typeCode);
    },
  });

  route({
    method: 'get',
    path: '/api/v1/staff/stock-imports/:id',
    summary: 'One stock import with its progress and counts',
    tags: ['stock'],
    access: 'staff',
    params: idParams,
    response: stockImportViewSchema,
    handler: async (ctx, { params }) => {
      steward(ctx.state);
      const row = await repo.find(params.id);
      if (!row) throw new AppError('NOT_FOUND');
      return presentImport(row);
    },
  });

  route({
    method: 'get',
    path: '/api/v1/staff/stock-imports/:id/errors.csv',
    summary: 'The error report of an import: CSV 行号,列,原因 (UTF-8 with BOM), in file order',
    tags: ['stock'],
    access: 'staff',
    params: idParams,
    response: csvText,
    responseContentType: CSV,
    handler: async (ctx, { params }) => {
      steward(ctx.state);
      const row = await repo.find(params.id);
      if (!row) throw new AppError('NOT_FOUND');
      ctx.attachment(`stock-import-${row.id}-errors.csv`);
      ctx.set('Cache-Control', 'no-store');
      return errorReportCsv(repo, row.id);
    },
  });
}
