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

/** U+0000, other control characters, or half a surrogate pair: nothing an id is made of. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const notIdText = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/**
 * A caller's text as it may be stored: unchanged when it could be an id, else a digest
 * (`unsafe:` + sha256 prefix). A denial records the id the caller asked for, and that
 * is caller input: PostgreSQL refuses U+0000 in text and jsonb, so storing it raw would
 * make the append fail and the refused attempt vanish from the log.
 */
export function safeAuditText(value: string): string {
  if (!notIdText.test(value)) return value;
  return `unsafe:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32)}`;
}

const safeDetail = (detail: AuditDetail): AuditDetail =>
  Object.fromEntries(
    Object.entries(detail).map(([k, v]) => [safeAuditText(k), typeof v === 'string' ? safeAuditText(v) : v]),
  );

async function append(repo: AuditAppendRepo, entry: AuditEntry) {
  const detail = safeDetail(entry.detail ?? {});
  assertNoPersonalNumbers(detail);
  await repo.lockAppends();
  const prevHash = (await repo.lastHash()) ?? AUDIT_GENESIS_HASH;
  const row: HashedFields = {
    at: new Date(),
    actorKind: entry.actorKind,
    actorId: entry.actorId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    // Cut first, then checked: a cut through a surrogate pair would store U+FFFD and break the hash.
    subjectId: entry.subjectId == null ? null : safeAuditText(entry.subjectId.slice(0, 64)),
    outcome: entry.outcome,
    requestId: entry.requestId == null ? null : safeAuditText(entry.requestId),
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
