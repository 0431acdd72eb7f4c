import type { Sql } from '../../db/database';
import { OPEN_TASK_STATES_SQL, SCOPE_STATUSES_SQL } from './sql-lists';

/**
 * The live figures of the compliance dashboard, in plain SQL on the pool: grouped counts over
 * the certificates in scope and their open, not waived failures (the tasks the batch and
 * every recheck keep current). A region is a GB/T 2260 prefix. docs/compliance.md, "Rates".
 */

export type RateFilter = { areaPrefix: string; typeCode?: string; carrier?: string };

export type CellCount = { areaCode: string; typeCode: string; carrier: string; total: number; failing: number };

const SCOPE = `c."status" IN ${SCOPE_STATUSES_SQL}`;

function where(f: RateFilter, params: unknown[]) {
  params.push(`${f.areaPrefix}%`);
  let sql = `${SCOPE} AND c."areaCode" LIKE $${params.length}`;
  if (f.typeCode) {
    params.push(f.typeCode);
    sql += ` AND c."typeCode" = $${params.length}`;
  }
  if (f.carrier) {
    params.push(f.carrier);
    sql += ` AND c."carrier" = $${params.length}::"Carrier"`;
  }
  return sql;
}

export function createRatesRepo(sql: Sql) {
  return {
    /** Certificates in scope and those with an open blocking failure, by area × type × carrier. */
    async cells(f: RateFilter): Promise<CellCount[]> {
      const params: unknown[] = [];
      const w = where(f, params);
      const { rows } = await sql.query(
        `SELECT c."areaCode", c."typeCode", c."carrier"::text AS "carrier", count(*)::int AS "total",
           count(f."certificateId")::int AS "failing"
         FROM "Certificate" c
         LEFT JOIN (
           SELECT DISTINCT t."certificateId" FROM "CompletionTask" t
           WHERE t."severity" = 'blocking' AND t."state" IN ${OPEN_TASK_STATES_SQL}
         ) f ON f."certificateId" = c."id"
         WHERE ${w}
         GROUP BY 1, 2, 3`,
        params,
      );
      return rows as CellCount[];
    },

    /** Certificates in scope failing each rule (open tasks). */
    async rules(f: RateFilter): Promise<{ ruleCode: string; failing: number }[]> {
      const params: unknown[] = [];
      const w = where(f, params);
      const { rows } = await sql.query(
        `SELECT t."ruleCode", count(DISTINCT t."certificateId")::int AS "failing"
         FROM "CompletionTask" t JOIN "Certificate" c ON c."id" = t."certificateId"
         WHERE t."state" IN ${OPEN_TASK_STATES_SQL} AND ${w}
         GROUP BY 1 ORDER BY 2 DESC, 1`,
        params,
      );
      return rows as { ruleCode: string; failing: number }[];
    },

    /** Open tasks by state in the region. */
    async taskStates(areaPrefix: string): Promise<{ state: string; n: number }[]> {
      const { rows } = await sql.query(
        `SELECT "state"::text AS "state", count(*)::int AS "n" FROM "CompletionTask"
         WHERE "areaCode" LIKE $1 AND "state" IN ${OPEN_TASK_STATES_SQL} GROUP BY 1`,
        [`${areaPrefix}%`],
      );
      return rows as { state: string; n: number }[];
    },

    /** A page of failing certificates (open failures), masked, in id order; with the total. */
    async failing(f: RateFilter & { ruleId?: string }, page: number, pageSize: number) {
      const params: unknown[] = [];
      const w = where(f, params);
      // Without a rule: the non-compliant certificates (an open blocking failure), as the rate counts them.
      // With a rule: the certificates failing that rule, warnings included.
      let rule = ` AND t."severity" = 'blocking'`;
      if (f.ruleId) {
        params.push(f.ruleId);
        rule = ` AND t."ruleCode" = $${params.length}`;
      }
      const failingIds = `SELECT DISTINCT t."certificateId" FROM "CompletionTask" t JOIN "Certificate" c ON c."id" = t."certificateId"
         WHERE t."state" IN ${OPEN_TASK_STATES_SQL} AND ${w}${rule}`;
      const { rows: totalRows } = await sql.query(`SELECT count(*)::int AS "n" FROM (${failingIds}) x`, params);
      params.push(pageSize, (page - 1) * pageSize);
      const { rows } = await sql.query(
        `SELECT c."id", c."typeCode", c."numberMasked", c."areaCode", c."carrier"::text AS "carrier", h."name" AS "holderName", h."kind"::text AS "holderKind",
           (SELECT json_agg(json_build_object('ruleId', t."ruleCode", 'message', t."message", 'severity', t."severity", 'state', t."state") ORDER BY t."ruleCode")
              FROM "CompletionTask" t WHERE t."certificateId" = c."id" AND t."state" IN ${OPEN_TASK_STATES_SQL}) AS "failures"
         FROM "Certificate" c JOIN "Holder" h ON h."id" = c."holderId"
         WHERE c."id" IN (${failingIds})
         ORDER BY c."id" LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return {
        total: (totalRows[0] as { n: number }).n,
        rows: rows as {
          id: string;
          typeCode: string;
          numberMasked: string;
          areaCode: string;
          carrier: string;
          holderName: string;
          holderKind: string;
          failures: { ruleId: string; message: string; severity: string; state: string }[];
        }[],
      };
    },
  };
}

export type RatesRepo = ReturnType<typeof createRatesRepo>;
