import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Db, Tx } from '../db/unit-of-work';

/** Advisory lock key for appends (the migration runner uses 727274). */
const AUDIT_APPEND_LOCK = 727_275;

/** One audit row as stored: the hashed fields plus the chain links. */
export type AuditRowInsert = {
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
  requestId: string | null;
  /** Codes and ids only (lib/audit.ts checks). */
  detail: Record<string, string | number | boolean | null>;
  prevHash: string;
  hash: string;
};

/** The statements of one append, on the client of the transaction it belongs to. */
export function createAuditAppendRepo(tx: Tx) {
  return {
    /** Serialises appends until the transaction ends, so two can never read the same predecessor. */
    lockAppends: async () => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK}::bigint)`;
    },
    lastHash: async () =>
      (await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } }))?.hash ?? null,
    insert: async (row: AuditRowInsert) => {
      await tx.auditLog.create({ data: { ...row, detail: row.detail as Prisma.InputJsonObject } });
    },
  };
}

export type AuditAppendRepo = ReturnType<typeof createAuditAppendRepo>;

/** Runs `fn` in a transaction of its own (an append outside any caller's transaction). */
export const inAuditTransaction = (prisma: PrismaClient, fn: (repo: AuditAppendRepo) => Promise<void>) =>
  prisma.$transaction((tx) => fn(createAuditAppendRepo(tx)));

/** Rows in `seq` order after `after` (from the start when undefined), `take` at a time. */
export const auditRowsAfter = (db: Db, after: bigint | undefined, take: number) =>
  db.auditLog.findMany({ where: after === undefined ? {} : { seq: { gt: after } }, orderBy: { seq: 'asc' }, take });

/** The last row's seq and hash (the chain's head), or null while the log is empty. */
export const auditHead = (db: Db) =>
  db.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
