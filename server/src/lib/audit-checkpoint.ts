import type { KeyObject } from 'node:crypto';
import type { ObjectStorage } from '../adapters/storage';
import type { Db } from '../db/unit-of-work';
import { AUDIT_GENESIS_HASH, auditRowHash, canonicalJson } from './audit';
import { auditHead, auditRowsAfter } from './audit.repo';
import type { KeyMaterial } from './key-material';
import type { Logger } from './logger';
import { sm2SignDer, sm2VerifyDer } from './sm2-der';

/**
 * Audit checkpoints anchor the hash chain outside the database. Someone who can write the
 * database can rewrite every row and recompute every hash, and the chain alone would still
 * verify; a checkpoint — the head's `seq` and hash at a moment, signed with the service's SM2
 * key and kept in object storage and in the log — cannot be rewritten with it. `npm run
 * audit:verify` recomputes the chain and compares it with every checkpoint.
 *
 * One object per head: `audit-checkpoints/<seq, 20 digits>.json`. A run whose head already
 * has one writes nothing, so retries and several processes are harmless (storage also
 * refuses to overwrite).
 */
export const AUDIT_CHECKPOINT_PREFIX = 'audit-checkpoints/';

export type AuditCheckpoint = {
  v: 1;
  /** The head row's seq, as a decimal string (bigint). */
  seq: string;
  headHash: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
  /** The signing key's id (KeyMaterial.signing.kid). */
  kid: string;
  alg: 'SM2-SM3';
  /** Base64 DER SM2 signature over the canonical JSON of {v, seq, headHash, at, kid}. */
  signature: string;
};

const signedBytes = (c: Pick<AuditCheckpoint, 'v' | 'seq' | 'headHash' | 'at' | 'kid'>) =>
  new TextEncoder().encode(canonicalJson({ v: c.v, seq: c.seq, headHash: c.headHash, at: c.at, kid: c.kid }));

export const checkpointKey = (seq: bigint) => `${AUDIT_CHECKPOINT_PREFIX}${seq.toString().padStart(20, '0')}.json`;

export type CheckpointDeps = {
  db: Db;
  storage: Pick<ObjectStorage, 'get' | 'put'>;
  keys: Pick<KeyMaterial, 'signing'>;
  logger: Logger;
  now?: () => Date;
};

/** Signs and stores a checkpoint of the current head (nothing when empty or already anchored). */
export async function writeAuditCheckpoint({
  db,
  storage,
  keys,
  logger,
  now = () => new Date(),
}: CheckpointDeps): Promise<{ written: number; seq?: string }> {
  const head = await auditHead(db);
  if (!head) return { written: 0 };
  const key = checkpointKey(head.seq);
  if (await storage.get(key)) return { written: 0, seq: head.seq.toString() };
  const body = { v: 1 as const, seq: head.seq.toString(), headHash: head.hash, at: now().toISOString() };
  const unsigned = { ...body, kid: keys.signing.kid };
  const checkpoint: AuditCheckpoint = {
    ...unsigned,
    alg: 'SM2-SM3',
    signature: sm2SignDer(signedBytes(unsigned), keys.signing.privateKey).toString('base64'),
  };
  await storage.put(key, Buffer.from(JSON.stringify(checkpoint)), { contentType: 'application/json' });
  // The log is the second, independent copy (shipped off the host by the log pipeline).
  logger.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
  return { written: 1, seq: checkpoint.seq };
}

export type CheckpointVerdict =
  | { ok: true; rows: number; head: string; checkpoints: number; lastCheckpointSeq: string | null }
  | {
      ok: false;
      rows: number;
      /** The first row (or checkpoint seq) where the chain is broken. */
      brokenAtSeq: string;
      reason:
        | 'prev-hash-mismatch'
        | 'hash-mismatch'
        | 'checkpoint-mismatch'
        | 'checkpoint-row-missing'
        | 'checkpoint-signature-invalid'
        | 'checkpoint-unreadable';
      /** For a checkpoint mismatch: the rewrite lies after this seq (the last checkpoint that agreed). */
      lastGoodSeq?: string;
      checkpointKey?: string;
    };

/** Parses and checks one stored checkpoint; null when it is not one (unreadable or wrongly signed). */
export function readCheckpoint(bytes: Buffer, publicKeys: Map<string, KeyObject>): AuditCheckpoint | null {
  let c: AuditCheckpoint;
  try {
    c = JSON.parse(bytes.toString('utf8')) as AuditCheckpoint;
  } catch {
    return null;
  }
  if (c.v !== 1 || !/^\d+$/.test(c.seq) || typeof c.signature !== 'string') return null;
  const key = publicKeys.get(c.kid);
  if (!key) return null;
  return sm2VerifyDer(signedBytes(c), Buffer.from(c.signature, 'base64'), key) ? c : null;
}

/**
 * Recomputes the chain in seq order and checks every stored checkpoint against it. Reports
 * the first broken link: a row whose prevHash or hash is wrong, or — when the rows are
 * self-consistent but were rewritten wholesale — the first checkpoint whose head hash the
 * rows no longer reach (the rewrite lies between the previous good checkpoint and it).
 * A checkpoint that is unreadable or wrongly signed is reported before anything else.
 */
export async function verifyAuditAgainstCheckpoints(
  db: Db,
  storage: Pick<ObjectStorage, 'get' | 'list'>,
  publicKeys: Map<string, KeyObject>,
  batchSize = 500,
): Promise<CheckpointVerdict> {
  const checkpoints: AuditCheckpoint[] = [];
  for (const key of await storage.list(AUDIT_CHECKPOINT_PREFIX)) {
    const bytes = await storage.get(key);
    const c = bytes ? readCheckpoint(bytes, publicKeys) : null;
    const seq = /(\d+)\.json$/.exec(key)?.[1]?.replace(/^0+(?=\d)/, '') ?? '0';
    if (!bytes) return { ok: false, rows: 0, brokenAtSeq: seq, reason: 'checkpoint-unreadable', checkpointKey: key };
    if (!c || c.seq !== seq)
      return { ok: false, rows: 0, brokenAtSeq: seq, reason: 'checkpoint-signature-invalid', checkpointKey: key };
    checkpoints.push(c);
  }
  checkpoints.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));

  let prev = AUDIT_GENESIS_HASH;
  let rows = 0;
  let after: bigint | undefined;
  let next = 0; // the next checkpoint to meet
  let lastGood: string | undefined;
  const mismatch = (c: AuditCheckpoint, reason: 'checkpoint-mismatch' | 'checkpoint-row-missing') =>
    ({
      ok: false,
      rows,
      brokenAtSeq: c.seq,
      reason,
      ...(lastGood ? { lastGoodSeq: lastGood } : {}),
      checkpointKey: checkpointKey(BigInt(c.seq)),
    }) as const;
  for (;;) {
    const batch = await auditRowsAfter(db, after, batchSize);
    for (const r of batch) {
      // A checkpoint whose seq was skipped: its row is gone.
      if (next < checkpoints.length && BigInt(checkpoints[next]!.seq) < r.seq)
        return mismatch(checkpoints[next]!, 'checkpoint-row-missing');
      if (r.prevHash !== prev) return { ok: false, rows, brokenAtSeq: r.seq.toString(), reason: 'prev-hash-mismatch' };
      if (auditRowHash(r.prevHash, r) !== r.hash)
        return { ok: false, rows, brokenAtSeq: r.seq.toString(), reason: 'hash-mismatch' };
      prev = r.hash;
      rows += 1;
      const c = checkpoints[next];
      if (c && BigInt(c.seq) === r.seq) {
        if (c.headHash !== r.hash) return mismatch(c, 'checkpoint-mismatch');
        lastGood = c.seq;
        next += 1;
      }
    }
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1]!.seq;
  }
  // Checkpoints beyond the last row: the tail was cut off.
  if (next < checkpoints.length) return mismatch(checkpoints[next]!, 'checkpoint-row-missing');
  return { ok: true, rows, head: prev, checkpoints: checkpoints.length, lastCheckpointSeq: lastGood ?? null };
}

/** One line for people (the audit:verify command). */
export function describeVerdict(v: CheckpointVerdict): string {
  if (v.ok)
    return `audit chain intact: ${v.rows} rows, head ${v.head}, ${v.checkpoints} checkpoints (last at seq ${v.lastCheckpointSeq ?? '—'})`;
  const where = v.lastGoodSeq
    ? ` (rows after seq ${v.lastGoodSeq}, the last checkpoint that agrees, were changed)`
    : '';
  const key = v.checkpointKey ? ` [${v.checkpointKey}]` : '';
  return `audit chain BROKEN at seq ${v.brokenAtSeq}: ${v.reason}${where}${key}; ${v.rows} rows verified before it`;
}
