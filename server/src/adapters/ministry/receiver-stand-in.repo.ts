import type { Sql } from '../../db/database';
import type { ReconciliationGroup, ReconciliationItem } from './wire';

export type ReceivedRow = {
  idempotencyKey: string;
  certificateId: string;
  version: number;
  typeCode: string;
  issuedOn: string;
  record: object;
  digest: string;
  batchId: string;
};

/** The local receiver stand-in's table (MinistryReceived): SQL on the pool, one statement per step of a batch. */
export function createReceiverStandInRepo(sql: Sql) {
  return {
    /**
     * Takes a batch in one statement: per record, whether its version is held already (a
     * duplicate), the newest version held before it, and whether it was stored now — stored only
     * when it is not held and no newer version is (an out-of-order overwrite is never applied).
     */
    take: async (rows: ReceivedRow[]) =>
      (
        await sql.query<{ k: string; held: boolean; latest: number | null; inserted: boolean }>(
          `WITH i AS (
             SELECT * FROM jsonb_to_recordset($1::jsonb)
               AS r(k text, c uuid, v int, t text, d text, rec jsonb, dg text, b text)),
           cur AS (
             SELECT i.*,
               EXISTS (SELECT 1 FROM "MinistryReceived" m WHERE m."certificateId" = i.c AND m.version = i.v) AS held,
               (SELECT max(m.version) FROM "MinistryReceived" m WHERE m."certificateId" = i.c) AS latest
             FROM i),
           ins AS (
             INSERT INTO "MinistryReceived" ("idempotencyKey", "certificateId", version, "typeCode", "issuedOn", record, digest, "batchId")
             SELECT k, c, v, t, d::date, rec, dg, b FROM cur WHERE NOT held AND COALESCE(latest, 0) < v
             ON CONFLICT ("certificateId", version) DO NOTHING
             RETURNING "idempotencyKey" AS k)
           SELECT cur.k, cur.held, cur.latest, ins.k IS NOT NULL AS inserted FROM cur LEFT JOIN ins ON ins.k = cur.k`,
          [
            JSON.stringify(
              rows.map((r) => ({
                k: r.idempotencyKey,
                c: r.certificateId,
                v: r.version,
                t: r.typeCode,
                d: r.issuedOn,
                rec: r.record,
                dg: r.digest,
                b: r.batchId,
              })),
            ),
          ],
        )
      ).rows,

    /** Per type and 颁证日期: certificates held and SHA-256 over their sorted `<id>:<latest version>` lines. */
    reconciliation: async (): Promise<ReconciliationGroup[]> =>
      (
        await sql.query<ReconciliationGroup>(
          `WITH latest AS (
             SELECT DISTINCT ON ("certificateId") "certificateId", version, "typeCode", "issuedOn"
             FROM "MinistryReceived" ORDER BY "certificateId", version DESC)
           SELECT "typeCode", to_char("issuedOn", 'YYYY-MM-DD') AS day, count(*)::int AS count,
             encode(sha256(convert_to(string_agg("certificateId"::text || ':' || version::text, E'\\n'
               ORDER BY "certificateId"), 'UTF8')), 'hex') AS digest
           FROM latest GROUP BY 1, 2 ORDER BY 1, 2`,
        )
      ).rows,

    reconciliationItems: async (typeCode: string, day: string): Promise<ReconciliationItem[]> =>
      (
        await sql.query<ReconciliationItem>(
          `SELECT "certificateId"::text AS "certificateId", max(version) AS version FROM "MinistryReceived"
           WHERE "typeCode" = $1 AND "issuedOn" = $2::date GROUP BY "certificateId"`,
          [typeCode, day],
        )
      ).rows,

    /** Rows held (tests, the bench). */
    count: async () =>
      Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "MinistryReceived"`)).rows[0]!.n),
  };
}

export type ReceiverStandInRepo = ReturnType<typeof createReceiverStandInRepo>;
