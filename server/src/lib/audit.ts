import { createHash } from 'node:crypto';
import type { Database } from '../db/database';
import type { Db, Tx } from '../db/unit-of-work';
import { auditRowsAfter, createAuditAppendRepo, inAuditTransaction, type AuditAppendRepo } from './audit.repo';

/**
 * The audit log: append-only rows (UPDATE/DELETE/TRUNCATE refused by a trigger), each
 * carrying sha256(prevHash + canonical JSON of its fields), so removing, reordering or
 * forging a row breaks the chain that `verifyAuditChain` recomputes.
 *
 * Appends are serialised with a transaction-scoped advisory lock, held until commit, so
 * two appends can never read the same predecessor and fork the chain. Inside a caller's
 * transaction the lock is held until that transaction ends: record the audit row as its
 * last step.
 *
 * `detail` carries codes and ids only — never names, ID or phone numbers.
 */
export type AuditActorKind = 'ACCOUNT' | 'STAFF' | 'PARTNER' | 'SYSTEM' | 'ANONYMOUS';
export type AuditOutcome = 'OK' | 'DENIED' | 'FAILED';
export type AuditDetail = Record<string, string | number | boolean | null>;

export type AuditEntry = {
  actorKind: AuditActorKind;
  actorId?: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  outcome: AuditOutcome;
  requestId?: string | null;
  detail?: AuditDetail;
};

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type HashedFields = {
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
  requestId: string | null;
  detail: unknown;
};

/** sha256(prevHash + canonical JSON of exactly the hashed fields). */
export function auditRowHash(prevHash: string, row: HashedFields): string {
  const fields = {
    at: row.at.toISOString(),
    actorKind: row.actorKind,
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    outcome: row.outcome,
    requestId: row.requestId,
    detail: row.detail,
  };
  return createHash('sha256')
    .update(prevHash + canonicalJson(fields))
    .digest('hex');
}

/** A phone number (11 digits) or a citizen ID (17 digits + check) standing alone. */
const personalNumber = /(?<![0-9A-Za-z])(\d{11}|\d{17}[\dXx])(?![0-9A-Za-z])/;

/** A programming error, not a user error: detail must stay free of personal numbers. */
function assertNoPersonalNumbers(detail: AuditDetail) {
  for (const [key, value] of Object.entries(detail)) {
    if (typeof value === 'string' && (value.length > 200 || personalNumber.test(value))) {
      throw new Error(
        `audit detail "${key}" looks like personal data or is too long; audit details carry codes and ids only`,
      );
    }
  }
}

async function append(repo: AuditAppendRepo, entry: AuditEntry) {
  const detail = entry.detail ?? {};
  assertNoPersonalNumbers(detail);
  await repo.lockAppends();
  const prevHash = (await repo.lastHash()) ?? AUDIT_GENESIS_HASH;
  const row: HashedFields = {
    at: new Date(),
    actorKind: entry.actorKind,
    actorId: entry.actorId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId?.slice(0, 64) ?? null,
    outcome: entry.outcome,
    requestId: entry.requestId ?? null,
    detail,
  };
  await repo.insert({ ...row, detail, prevHash, hash: auditRowHash(prevHash, row) });
}

export function createAuditLog(prisma: Database['prisma']) {
  return {
    /** Appends one row; pass `tx` to make it part of the caller's transaction. */
    record: async (entry: AuditEntry, tx?: Tx) => {
      if (tx) return append(createAuditAppendRepo(tx), entry);
      await inAuditTransaction(prisma, (repo) => append(repo, entry));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

export type AuditChainVerdict =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; brokenAtSeq: bigint; reason: 'prev-hash-mismatch' | 'hash-mismatch' };

/**
 * Recomputes the whole chain in `seq` order. Reports the first row whose prevHash is not
 * its predecessor's hash, or whose hash does not match its contents.
 */
export async function verifyAuditChain(db: Db, batchSize = 500): Promise<AuditChainVerdict> {
  let prev = AUDIT_GENESIS_HASH;
  let rows = 0;
  let after: bigint | undefined;
  for (;;) {
    const batch = await auditRowsAfter(db, after, batchSize);
    for (const r of batch) {
      if (r.prevHash !== prev) return { ok: false, rows, brokenAtSeq: r.seq, reason: 'prev-hash-mismatch' };
      if (auditRowHash(r.prevHash, r) !== r.hash)
        return { ok: false, rows, brokenAtSeq: r.seq, reason: 'hash-mismatch' };
      prev = r.hash;
      rows += 1;
    }
    if (batch.length < batchSize) return { ok: true, rows, head: prev };
    after = batch[batch.length - 1]!.seq;
  }
}
