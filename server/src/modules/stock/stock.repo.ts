import type { Db } from '../../db/unit-of-work';

/** The stock import's bookkeeping (StockImport, its error report); chunks: stock-chunk.repo.ts. */

export type StockImportRow = {
  id: string;
  fileName: string;
  fileSha256: string;
  format: string;
  storageKey: string | null;
  state: 'RUNNING' | 'DONE' | 'FAILED';
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  committedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  synthetic: boolean;
  error: string | null;
};

export function createStockRepo(db: Db) {
  return {
    create: (data: {
      id: string;
      fileName: string;
      fileSha256: string;
      format: string;
      storageKey: string;
      startedBy: string | null;
    }): Promise<StockImportRow> => db.stockImport.create({ data }),

    find: (id: string): Promise<StockImportRow | null> => db.stockImport.findUnique({ where: { id } }),

    list: (take: number): Promise<StockImportRow[]> =>
      db.stockImport.findMany({ orderBy: { startedAt: 'desc' }, take }),

    runningWithSha: (sha256: string): Promise<StockImportRow | null> =>
      db.stockImport.findFirst({ where: { fileSha256: sha256, state: 'RUNNING' } }),

    /** RUNNING imports not touched for a while: candidates for `import:resume` after a crash. */
    staleRunning: (startedBefore: Date): Promise<StockImportRow[]> =>
      db.stockImport.findMany({
        where: { state: 'RUNNING', startedAt: { lt: startedBefore } },
        orderBy: { startedAt: 'asc' },
      }),

    markSynthetic: async (id: string) => {
      await db.stockImport.update({ where: { id }, data: { synthetic: true } });
    },

    /** One chunk's progress, in the chunk's transaction: a resume skips exactly these rows. */
    addProgress: async (
      id: string,
      delta: { rows: number; created: number; updated: number; unchanged: number; failed: number },
    ) => {
      await db.stockImport.update({
        where: { id },
        data: {
          committedRows: { increment: delta.rows },
          created: { increment: delta.created },
          updated: { increment: delta.updated },
          unchanged: { increment: delta.unchanged },
          failed: { increment: delta.failed },
        },
      });
    },

    finish: (id: string, state: 'DONE' | 'FAILED', error: string | null): Promise<StockImportRow> =>
      db.stockImport.update({
        where: { id },
        data: { state, error, finishedAt: new Date(), ...(state === 'DONE' ? { storageKey: null } : {}) },
      }),

    /** A FAILED import back to RUNNING, to be resumed from its last committed chunk. */
    reopen: (id: string): Promise<StockImportRow> =>
      db.stockImport.update({ where: { id }, data: { state: 'RUNNING', error: null, finishedAt: null } }),

    /** The error report, a page at a time in (row, column) order. */
    errorsAfter: (importId: string, after: { row: number; column: string } | null, take: number) =>
      db.stockImportError.findMany({
        where: {
          importId,
          ...(after ? { OR: [{ row: { gt: after.row } }, { row: after.row, column: { gt: after.column } }] } : {}),
        },
        orderBy: [{ row: 'asc' }, { column: 'asc' }],
        take,
        select: { row: true, column: true, reason: true },
      }),
  };
}

export type StockRepo = ReturnType<typeof createStockRepo>;
