// The stock import module's public surface (存量证照导入): the composition root, the admin CLI
// and tests import from here only. docs/stock-import.md.

export { stockRoutes } from './stock.routes';
export {
  bindStockRepos,
  createStockModule,
  type ComplianceRecheck,
  type StockDeps,
  type StockModule,
  type StockRepos,
} from './stock.module';
export { startImport, type StartInput } from './start-import';
export { runImport, DEFAULT_CHUNK_SIZE, type RunOptions } from './run-import';
export { templateCsv, templateHeader } from './columns';
export { createStockRepo, type StockImportRow, type StockRepo } from './stock.repo';
