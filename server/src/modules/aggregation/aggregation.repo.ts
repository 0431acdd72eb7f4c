import type { Sql } from '../../db/database';

/**
 * Every statement of aggregation (docs/aggregation.md), as SQL on the pool (`Database.sql`):
 * the worker's claim/settle cycle is the hot path of the ≥ 2,000 certificates/s target, and the
 * staff figures are aggregates Prisma cannot express. Times are compared on the database's clock
 * (CURRENT_TIMESTAMP) only, so several processes never disagree about what is due.
 */

/** One claimed outbox entry: the latest pending version of a leased certificate; `attempts` counts this one. */
export type ClaimedEntry = {
  id: string;
  certificateId: string;
  version: number;
  event: string;
  attempts: number;
  changedAt: Date;
};

/** The certificate as the record is built from it, at send time. */
export type SourceRow = {
  id: string;
  typeCode: string;
  identifier: string | null;
  numberEnc: Buffer;
  numberMasked: string;
  carrier: string;
  status: string;
  statusReason: string | null;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  issuingAuthority: string;
  issuingAuthorityCode: string;
  areaCode: string;
  activated: boolean;
  signatureAlg: string | null;
  signatureKeyId: string | null;
  signature: Buffer | null;
  holderKind: string;
  holderName: string;
  holderTypeCode: string;
  holderIdEnc: Buffer | null;
  holderCreditCode: string | null;
};

/** What became of one sent entry. */
export type Settlement =
  | { id: string; certificateId: string; version: number; outcome: 'ACKED' }
  | { id: string; certificateId: string; version: number; outcome: 'SUPERSEDED' }
  | { id: string; certificateId: string; version: number; outcome: 'DEAD'; error: string }
  | { id: string; certificateId: string; version: number; outcome: 'RETRY'; error: string; delaySeconds: number };

export type DeadLetter = {
  id: string;
  certificateId: string;
  version: number;
  event: string;
  attempts: number;
  lastError: string | null;
  typeCode: string;
  areaCode: string;
  createdAt: Date;
};

const CLAIM_CERTIFICATES = `
WITH due AS (
  SELECT DISTINCT d."certificateId" FROM (
    SELECT "certificateId" FROM "AggregationOutbox"
    WHERE state = 'PENDING' AND "nextAttemptAt" <= CURRENT_TIMESTAMP
    ORDER BY "nextAttemptAt" LIMIT $1::int * 4) d),
free AS (
  SELECT a."certificateId" FROM "CertificateAggregation" a JOIN due ON due."certificateId" = a."certificateId"
  WHERE a."leasedUntil" IS NULL OR a."leasedUntil" < CURRENT_TIMESTAMP
  LIMIT $1::int
  FOR UPDATE OF a SKIP LOCKED)
UPDATE "CertificateAggregation" a SET "leasedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $2::int)
FROM free WHERE a."certificateId" = free."certificateId"
RETURNING a."certificateId"::text AS id`;

/** The latest pending version of each leased certificate (a read; older pending versions become SUPERSEDED). */
const PICK_LATEST = `
WITH pend AS (
  SELECT id, "certificateId", version, event, attempts, "createdAt",
    row_number() OVER (PARTITION BY "certificateId" ORDER BY version DESC) AS rn
  FROM "AggregationOutbox" WHERE "certificateId" = ANY($1::uuid[]) AND state = 'PENDING'),
sup AS (
  UPDATE "AggregationOutbox" o SET state = 'SUPERSEDED'
  FROM pend WHERE o.id = pend.id AND pend.rn > 1
  RETURNING o.id)
SELECT id::text, "certificateId"::text AS "certificateId", version, event, attempts + 1 AS attempts,
  "createdAt" AS "changedAt", (SELECT count(*) FROM sup)::int AS superseded
FROM pend WHERE rn = 1`;

const SOURCE_ROWS = `
SELECT c.id::text, c."typeCode", c.identifier, c."numberEnc", c."numberMasked", c.carrier::text, c.status::text,
  c."statusReason", to_char(c."issuedOn", 'YYYY-MM-DD') AS "issuedOn", to_char(c."validFrom", 'YYYY-MM-DD') AS "validFrom",
  to_char(c."validUntil", 'YYYY-MM-DD') AS "validUntil", c."issuingAuthority", c."issuingAuthorityCode", c."areaCode",
  c."activatedAt" IS NOT NULL AS activated, c."signatureAlg", c."signatureKeyId", c.signature,
  h.kind::text AS "holderKind", h.name AS "holderName", h."holderTypeCode", h."idNumberEnc" AS "holderIdEnc",
  h."creditCode" AS "holderCreditCode"
FROM "Certificate" c JOIN "Holder" h ON h.id = c."holderId"
WHERE c.id = ANY($1::uuid[])`;

/**
 * Settles a batch in one statement: outbox rows ACKED / SUPERSEDED / DEAD / back to PENDING with
 * their next attempt, the cursors' acknowledged version raised (never lowered) and the leases freed.
 */
const SETTLE = `
WITH s AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, c uuid, v int, o text, e text, d float8)),
ob AS (
  UPDATE "AggregationOutbox" o SET
    attempts = o.attempts + 1,
    "sentAt" = CURRENT_TIMESTAMP,
    state = (CASE s.o WHEN 'ACKED' THEN 'ACKED' WHEN 'SUPERSEDED' THEN 'SUPERSEDED' WHEN 'DEAD' THEN 'DEAD'
      ELSE 'PENDING' END)::"AggregationState",
    "ackedAt" = CASE WHEN s.o = 'ACKED' THEN CURRENT_TIMESTAMP ELSE o."ackedAt" END,
    "lastError" = CASE WHEN s.o IN ('DEAD', 'RETRY') THEN left(s.e, 500) ELSE o."lastError" END,
    "nextAttemptAt" = CASE WHEN s.o = 'RETRY' THEN CURRENT_TIMESTAMP + make_interval(secs => s.d)
      ELSE o."nextAttemptAt" END
  FROM s WHERE o.id = s.id AND o.state = 'PENDING'),
acked AS (
  SELECT c, max(v) AS v FROM s WHERE o = 'ACKED' GROUP BY c)
UPDATE "CertificateAggregation" a SET
  "leasedUntil" = NULL,
  "ackedVersion" = GREATEST(a."ackedVersion", COALESCE(acked.v, 0)),
  "ackedAt" = CASE WHEN acked.v > a."ackedVersion" THEN CURRENT_TIMESTAMP ELSE a."ackedAt" END
FROM (SELECT DISTINCT c FROM s) cs LEFT JOIN acked ON acked.c = cs.c
WHERE a."certificateId" = cs.c`;

/** One cell of the rate: certificates in scope and acknowledged, per type × area. */
export type RateCell = { typeCode: string; areaCode: string; total: number; acknowledged: number };

/** Our side of reconciliation: per type and 颁证日期, what the receiver should hold (the acknowledged versions). */
export type OurGroup = { typeCode: string; day: string; count: number; digest: string };

export function createAggregationRepo(sql: Sql) {
  return {
    /**
     * The aggregation rate's cells: electronic certificates (the scope, docs/aggregation.md) and
     * those whose latest version the receiver acknowledged.
     */
    rateCells: async (areaPrefix: string) =>
      (
        await sql.query<RateCell>(
          `SELECT c."typeCode", c."areaCode", count(*)::int AS total,
             (count(*) FILTER (WHERE a."ackedVersion" > 0 AND a."ackedVersion" >= a.version))::int AS acknowledged
           FROM "Certificate" c LEFT JOIN "CertificateAggregation" a ON a."certificateId" = c.id
           WHERE c.carrier = 'ELECTRONIC' AND c."areaCode" LIKE $1 || '%'
           GROUP BY 1, 2`,
          [areaPrefix],
        )
      ).rows,

    /** Change → acknowledgement of the versions acknowledged in the last `hours`. */
    lag: async (areaPrefix: string, hours = 24) =>
      (
        await sql.query<{ n: number; p50: number | null; p99: number | null }>(
          `SELECT count(*)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (o."ackedAt" - o."createdAt")) * 1000) AS p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (o."ackedAt" - o."createdAt")) * 1000) AS p99
           FROM "AggregationOutbox" o JOIN "Certificate" c ON c.id = o."certificateId"
           WHERE o.state = 'ACKED' AND o."ackedAt" > CURRENT_TIMESTAMP - make_interval(hours => $2::int)
             AND c."areaCode" LIKE $1 || '%'`,
          [areaPrefix, hours],
        )
      ).rows[0]!,

    /** Entries waiting for a retry or dead, by the code of their last failure. */
    failures: async (areaPrefix: string) =>
      (
        await sql.query<{ reason: string; retrying: number; dead: number }>(
          `SELECT split_part(o."lastError", ':', 1) AS reason,
             (count(*) FILTER (WHERE o.state = 'PENDING'))::int AS retrying,
             (count(*) FILTER (WHERE o.state = 'DEAD'))::int AS dead
           FROM "AggregationOutbox" o JOIN "Certificate" c ON c.id = o."certificateId"
           WHERE o."lastError" IS NOT NULL AND o.state IN ('PENDING', 'DEAD') AND c."areaCode" LIKE $1 || '%'
           GROUP BY 1 ORDER BY 3 DESC, 2 DESC`,
          [areaPrefix],
        )
      ).rows,

    queue: async (areaPrefix: string) =>
      (
        await sql.query<{ pending: number; retrying: number; dead: number }>(
          `SELECT (count(*) FILTER (WHERE o.state = 'PENDING'))::int AS pending,
             (count(*) FILTER (WHERE o.state = 'PENDING' AND o.attempts > 0))::int AS retrying,
             (count(*) FILTER (WHERE o.state = 'DEAD'))::int AS dead
           FROM "AggregationOutbox" o JOIN "Certificate" c ON c.id = o."certificateId"
           WHERE o.state IN ('PENDING', 'DEAD') AND c."areaCode" LIKE $1 || '%'`,
          [areaPrefix],
        )
      ).rows[0]!,

    /**
     * Our side of reconciliation, in the receiver's grouping (national type code, 颁证日期): per
     * group the certificates whose version the receiver acknowledged and SHA-256 over their sorted
     * `<id>:<acknowledged version>` lines — what the receiver should hold.
     */
    ourGroups: async () =>
      (
        await sql.query<OurGroup & { typeCode: string }>(
          `SELECT c."typeCode", to_char(c."issuedOn", 'YYYY-MM-DD') AS day, count(*)::int AS count,
             encode(sha256(convert_to(string_agg(c.id::text || ':' || a."ackedVersion"::text, E'\\n'
               ORDER BY c.id), 'UTF8')), 'hex') AS digest
           FROM "CertificateAggregation" a JOIN "Certificate" c ON c.id = a."certificateId"
           WHERE a."ackedVersion" > 0
           GROUP BY 1, 2`,
        )
      ).rows,

    /** Our acknowledged versions of one group (short type codes of the national one). */
    ourItems: async (typeCodes: string[], day: string) =>
      (
        await sql.query<{ certificateId: string; version: number }>(
          `SELECT c.id::text AS "certificateId", a."ackedVersion" AS version
           FROM "CertificateAggregation" a JOIN "Certificate" c ON c.id = a."certificateId"
           WHERE a."ackedVersion" > 0 AND c."typeCode" = ANY($1::text[]) AND c."issuedOn" = $2::date`,
          [typeCodes, day],
        )
      ).rows,

    /** Certificates in scope that never entered the outbox (older than aggregation, seeded): up to `limit`. */
    neverQueued: async (limit: number) =>
      (
        await sql.query<{ id: string }>(
          `SELECT c.id::text FROM "Certificate" c
           WHERE c.carrier = 'ELECTRONIC'
             AND NOT EXISTS (SELECT 1 FROM "CertificateAggregation" a WHERE a."certificateId" = c.id)
           ORDER BY c.id LIMIT $1`,
          [limit],
        )
      ).rows.map((r) => r.id),

    /** Queues certificates again (a new version each) in one statement. */
    requeue: async (certificateIds: string[], event: 'RECONCILE' | 'BACKFILL' = 'RECONCILE') => {
      if (certificateIds.length === 0) return 0;
      const { rowCount } = await sql.query(
        `WITH v AS (
           INSERT INTO "CertificateAggregation" ("certificateId", version, "changedAt")
           SELECT id, 1, CURRENT_TIMESTAMP FROM unnest($1::uuid[]) AS id
           ON CONFLICT ("certificateId") DO UPDATE SET
             version = "CertificateAggregation".version + 1, "changedAt" = CURRENT_TIMESTAMP
           RETURNING "certificateId", version)
         INSERT INTO "AggregationOutbox" (id, "certificateId", version, event, "dedupeKey")
         SELECT gen_random_uuid(), v."certificateId", v.version, $2, v."certificateId"::text || ':' || v.version::text
         FROM v`,
        [certificateIds, event],
      );
      return rowCount ?? 0;
    },

    startReconciliation: async () =>
      (
        await sql.query<{ id: string }>(
          `INSERT INTO "AggregationReconciliation" (id, state) VALUES (gen_random_uuid(), 'RUNNING') RETURNING id::text`,
        )
      ).rows[0]!.id,

    finishReconciliation: async (
      id: string,
      result: { state: string; groups: number; mismatched: number; requeued: number; detail: object[]; error?: string },
    ) => {
      await sql.query(
        `UPDATE "AggregationReconciliation" SET state = $2, groups = $3, mismatched = $4, requeued = $5,
           detail = $6::jsonb, error = $7, "finishedAt" = CURRENT_TIMESTAMP WHERE id = $1::uuid`,
        [
          id,
          result.state,
          result.groups,
          result.mismatched,
          result.requeued,
          JSON.stringify(result.detail),
          result.error?.slice(0, 500) ?? null,
        ],
      );
    },

    reconciliations: async (limit: number) =>
      (
        await sql.query<{
          id: string;
          state: string;
          startedAt: Date;
          finishedAt: Date | null;
          groups: number;
          mismatched: number;
          requeued: number;
          detail: { typeCode: string; day: string; ours: number; theirs: number }[];
          error: string | null;
        }>(
          `SELECT id::text, state, "startedAt", "finishedAt", groups, mismatched, requeued, detail, error
           FROM "AggregationReconciliation" ORDER BY "startedAt" DESC LIMIT $1`,
          [limit],
        )
      ).rows,

    /**
     * Claims up to `limit` certificates with a due pending entry and no live lease (SKIP LOCKED:
     * several workers never take the same certificate), leases them for `leaseSeconds`, and
     * returns the latest pending version of each; older pending versions become SUPERSEDED.
     */
    claim: async (limit: number, leaseSeconds: number): Promise<{ entries: ClaimedEntry[]; superseded: number }> => {
      const leased = await sql.query<{ id: string }>(CLAIM_CERTIFICATES, [limit, leaseSeconds]);
      if (leased.rows.length === 0) return { entries: [], superseded: 0 };
      const { rows } = await sql.query<ClaimedEntry & { superseded: number }>(PICK_LATEST, [
        leased.rows.map((r) => r.id),
      ]);
      const picked = new Set(rows.map((r) => r.certificateId));
      const idle = leased.rows.map((r) => r.id).filter((id) => !picked.has(id));
      // A certificate whose entry another worker settled meanwhile: free it again.
      if (idle.length)
        await sql.query(
          `UPDATE "CertificateAggregation" SET "leasedUntil" = NULL WHERE "certificateId" = ANY($1::uuid[])`,
          [idle],
        );
      return { entries: rows, superseded: rows[0]?.superseded ?? 0 };
    },

    sources: async (certificateIds: string[]) => (await sql.query<SourceRow>(SOURCE_ROWS, [certificateIds])).rows,

    settle: async (settlements: Settlement[]) => {
      if (settlements.length === 0) return;
      await sql.query(SETTLE, [
        JSON.stringify(
          settlements.map((s) => ({
            id: s.id,
            c: s.certificateId,
            v: s.version,
            o: s.outcome,
            e: 'error' in s ? s.error : null,
            d: s.outcome === 'RETRY' ? Math.max(0, s.delaySeconds) : 0,
          })),
        ),
      ]);
    },

    /** Frees leases without touching entries (a worker stopping mid-batch, the circuit open). */
    release: async (certificateIds: string[], delaySeconds = 0) => {
      if (certificateIds.length === 0) return;
      await sql.query(
        `UPDATE "CertificateAggregation" SET "leasedUntil" = NULL WHERE "certificateId" = ANY($1::uuid[])`,
        [certificateIds],
      );
      if (delaySeconds > 0)
        await sql.query(
          `UPDATE "AggregationOutbox" SET "nextAttemptAt" = CURRENT_TIMESTAMP + make_interval(secs => $2::float8)
           WHERE "certificateId" = ANY($1::uuid[]) AND state = 'PENDING'`,
          [certificateIds, delaySeconds],
        );
    },

    /** Pending entries due now (the worker's "is there more" and the tests' drain). */
    pendingCount: async () =>
      Number(
        (await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "AggregationOutbox" WHERE state = 'PENDING'`))
          .rows[0]!.n,
      ),

    deadLetters: async (filter: { areaPrefix: string; limit: number; before?: string }) =>
      (
        await sql.query<DeadLetter>(
          `SELECT o.id::text, o."certificateId"::text AS "certificateId", o.version, o.event, o.attempts, o."lastError",
             c."typeCode", c."areaCode", o."createdAt"
           FROM "AggregationOutbox" o JOIN "Certificate" c ON c.id = o."certificateId"
           WHERE o.state = 'DEAD' AND c."areaCode" LIKE $1 || '%' AND ($3::uuid IS NULL OR o.id < $3::uuid)
           ORDER BY o.id DESC LIMIT $2`,
          [filter.areaPrefix, filter.limit, filter.before ?? null],
        )
      ).rows,

    /** 补传: dead entries back to PENDING, attempts reset; the ids that were dead and in the region. */
    resend: async (filter: { areaPrefix: string; ids: string[] | null; limit: number }) =>
      (
        await sql.query<{ id: string; certificateId: string }>(
          `UPDATE "AggregationOutbox" o SET state = 'PENDING', attempts = 0, "nextAttemptAt" = CURRENT_TIMESTAMP,
             "lastError" = 'RESENT: ' || left(COALESCE(o."lastError", ''), 480)
           FROM (SELECT o2.id FROM "AggregationOutbox" o2 JOIN "Certificate" c ON c.id = o2."certificateId"
                 WHERE o2.state = 'DEAD' AND c."areaCode" LIKE $1 || '%' AND ($2::uuid[] IS NULL OR o2.id = ANY($2::uuid[]))
                 ORDER BY o2.id LIMIT $3) pick
           WHERE o.id = pick.id
           RETURNING o.id::text, o."certificateId"::text AS "certificateId"`,
          [filter.areaPrefix, filter.ids, filter.limit],
        )
      ).rows,
  };
}

export type AggregationRepo = ReturnType<typeof createAggregationRepo>;
