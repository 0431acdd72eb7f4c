import type { Sql } from '../../db/database';

/** Why a certificate became 已过期, on the row (statusReason) and in its event. */
export const EXPIRY_REASON = '有效期届满';

/**
 * The expiry job's one statement per chunk (expire.ts): up to `limit` VALID certificates whose
 * 有效期至 lies before `today` (China), locked with SKIP LOCKED so several processes never take the
 * same rows, become EXPIRED; each gets a CertificateEvent and the next aggregation version with
 * its outbox row (event STATUS, `{from, to}`) in the same statement — so the same transaction.
 * Idempotent: an EXPIRED row no longer matches.
 */
const EXPIRE_CHUNK = `
WITH due AS (
  SELECT id FROM "Certificate"
  WHERE status = 'VALID' AND "validUntil" IS NOT NULL AND "validUntil" < $1::date
  ORDER BY "validUntil", id
  LIMIT $2
  FOR UPDATE SKIP LOCKED),
exp AS (
  UPDATE "Certificate" c SET status = 'EXPIRED', "statusReason" = $3, "statusChangedAt" = CURRENT_TIMESTAMP,
    "updatedAt" = CURRENT_TIMESTAMP
  FROM due WHERE c.id = due.id
  RETURNING c.id, c."validUntil"),
ev AS (
  INSERT INTO "CertificateEvent" (id, "certificateId", kind, "actorKind", detail)
  SELECT gen_random_uuid(), exp.id, 'EXPIRED', 'SYSTEM',
    jsonb_build_object('from', 'VALID', 'to', 'EXPIRED', 'validUntil', to_char(exp."validUntil", 'YYYY-MM-DD'))
  FROM exp),
v AS (
  INSERT INTO "CertificateAggregation" ("certificateId", version, "changedAt")
  SELECT id, 1, CURRENT_TIMESTAMP FROM exp
  ON CONFLICT ("certificateId") DO UPDATE SET
    version = "CertificateAggregation".version + 1, "changedAt" = CURRENT_TIMESTAMP
  RETURNING "certificateId", version)
INSERT INTO "AggregationOutbox" (id, "certificateId", version, event, payload, "dedupeKey")
SELECT gen_random_uuid(), v."certificateId", v.version, 'STATUS', '{"from": "VALID", "to": "EXPIRED"}'::jsonb,
  v."certificateId"::text || ':' || v.version::text
FROM v
RETURNING "certificateId"::text AS id`;

export function createExpiryRepo(sql: Sql) {
  return {
    /** Expires one chunk; the ids expired (fewer than `limit`: nothing more is due, or others hold the rest). */
    expireChunk: async (today: string, limit: number) =>
      (await sql.query<{ id: string }>(EXPIRE_CHUNK, [today, limit, EXPIRY_REASON])).rows.map((r) => r.id),
  };
}

export type ExpiryRepo = ReturnType<typeof createExpiryRepo>;
