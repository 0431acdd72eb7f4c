import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import type { StockFileStorage } from './stock-file';
import { createStockChunkRepo } from './stock-chunk.repo';
import { createStockRepo } from './stock.repo';

/** What the compliance module offers the import: recheck the certificates a chunk created or changed. */
export type ComplianceRecheck = { recheckCertificates(ids: readonly string[]): Promise<unknown> };

/** What the stock import needs from the composition root. */
export type StockDeps = {
  prisma: Database['prisma'];
  /** The pool under Prisma: each chunk is one statement on it (stock-chunk.repo.ts). */
  sql: Database['sql'];
  audit: AuditLog;
  /** Seals holder ID numbers and certificate numbers; blind indexes (stockKey). */
  fieldCrypto: Pick<FieldCrypto, 'encrypt' | 'blindIndex' | 'blindIndexKeyIds'>;
  /** Private storage for the uploaded file (kept until the import is done, for resume). */
  storage: StockFileStorage;
  logger: Logger;
  /**
   * Compliance recheck of each committed chunk (modules/compliance). Read when a chunk commits,
   * not when the module is built; absent (not wired yet), the recheck is skipped and logged once,
   * and the batch check finds the certificates instead.
   */
  compliance?: ComplianceRecheck;
};

export const bindStockRepos = (db: Db) => ({ tx: db, stock: createStockRepo(db) });
export type StockRepos = ReturnType<typeof bindStockRepos>;

/** The module's services, built once by stockRoutes (or the CLI). */
export function createStockModule(deps: StockDeps) {
  return {
    data: createUnitOfWork(deps.prisma, bindStockRepos),
    chunks: createStockChunkRepo(deps.sql),
    deps,
  };
}

export type StockModule = ReturnType<typeof createStockModule>;
