import type { Sql } from '../../db/database';
import { OPEN_TASK_STATES_SQL } from './sql-lists';

/**
 * The compliance check's hot statements, on the pg pool in plain SQL: one round trip loads a
 * page of certificates with everything the rules read (holder, vehicle, portrait), one more
 * the page's operator licences, one the page's tasks; the task changes go back in one
 * statement each (unnest arrays). Prisma would plan and map each row afresh; at a million
 * certificates that is the difference between seconds and minutes (docs/compliance.md, "Measured").
 */

/** One certificate with its joined data, as the subject builder reads it. Dates are 'YYYY-MM-DD' text. */
export type SubjectRow = {
  id: string;
  typeCode: string;
  carrier: 'PAPER' | 'IC_CARD' | 'ELECTRONIC';
  status: 'VALID' | 'REPLACED' | 'EXPIRED' | 'CANCELLED' | 'ANNULLED' | 'REVOKED' | 'SUSPENDED';
  numberEnc: Buffer;
  /** Blind index of the number: equal to the holder's ID blind index when the number is the ID number (从业资格证). */
  numberHash: string;
  /** The list copy: the number itself for numbers that are not personal (operators', vehicles'), masked otherwise. */
  numberMasked: string;
  identifier: string | null;
  signed: boolean;
  issuedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  issuingAuthority: string | null;
  issuingAuthorityCode: string | null;
  areaCode: string;
  extension: Record<string, unknown> | null;
  holderId: string;
  vehicleId: string | null;
  portraitPhotoId: string | null;
  holderKind: 'PERSON' | 'OPERATOR';
  holderName: string | null;
  holderIdNumberEnc: Buffer | null;
  holderIdNumberHash: string | null;
  holderCreditCode: string | null;
  holderBusinessStatus: string | null;
  vehicleOperatorId: string | null;
  plateNumber: string | null;
  plateColour: string | null;
  vehicleTypeCode: string | null;
  operatingStatus: string | null;
  photoState: string | null;
  photoVerdict: { accepted?: boolean; checks?: { passed?: boolean; message?: string }[] } | null;
  photoWidth: number | null;
  photoHeight: number | null;
};

export type LicenceRow = {
  holderId: string;
  typeCode: string;
  numberEnc: Buffer;
  status: SubjectRow['status'];
  validFrom: string | null;
  validUntil: string | null;
  businessScope: unknown;
};

/** An existing task of a certificate: its key and state. */
export type TaskKeyRow = {
  id: string;
  certificateId: string;
  ruleCode: string;
  field: string;
  state: string;
  message: string;
  severity: string;
  fixableBy: string;
  areaCode: string;
  holderId: string;
};

/** A task to open (or reopen) or keep current. */
export type TaskWrite = {
  certificateId: string;
  holderId: string;
  ruleCode: string;
  field: string;
  message: string;
  severity: string;
  fixableBy: string;
  typeCode: string;
  areaCode: string;
};

const SUBJECT_COLUMNS = `c."id", c."typeCode", c."carrier", c."status", c."numberEnc", c."numberHash", c."numberMasked", c."identifier",
  (c."signature" IS NOT NULL) AS "signed",
  to_char(c."issuedOn", 'YYYY-MM-DD') AS "issuedOn", to_char(c."validFrom", 'YYYY-MM-DD') AS "validFrom",
  to_char(c."validUntil", 'YYYY-MM-DD') AS "validUntil",
  c."issuingAuthority", c."issuingAuthorityCode", c."areaCode", c."extension", c."holderId", c."vehicleId",
  c."portraitPhotoId",
  h."kind" AS "holderKind", h."name" AS "holderName", h."idNumberEnc" AS "holderIdNumberEnc", h."idNumberHash" AS "holderIdNumberHash",
  h."creditCode" AS "holderCreditCode", h."businessStatus" AS "holderBusinessStatus",
  v."operatorId" AS "vehicleOperatorId", v."plateNumber", v."plateColour", v."vehicleTypeCode", v."operatingStatus",
  p."state" AS "photoState", p."verdict" AS "photoVerdict", p."width" AS "photoWidth", p."height" AS "photoHeight"
FROM "Certificate" c
JOIN "Holder" h ON h."id" = c."holderId"
LEFT JOIN "Vehicle" v ON v."id" = c."vehicleId"
LEFT JOIN "Photo" p ON p."id" = c."portraitPhotoId"`;

export function createSubjectsRepo(sql: Sql) {
  return {
    /** A page of certificates in id order after `afterId` (keyset pagination: constant cost per page). */
    async page(afterId: string | null, limit: number): Promise<SubjectRow[]> {
      const { rows } = await sql.query(
        `SELECT ${SUBJECT_COLUMNS} WHERE ($1::uuid IS NULL OR c."id" > $1::uuid) ORDER BY c."id" LIMIT $2`,
        [afterId, limit],
      );
      return rows as SubjectRow[];
    },

    async byIds(ids: readonly string[]): Promise<SubjectRow[]> {
      if (ids.length === 0) return [];
      const { rows } = await sql.query(`SELECT ${SUBJECT_COLUMNS} WHERE c."id" = ANY($1::uuid[])`, [ids]);
      return rows as SubjectRow[];
    },

    /** Every operator licence (of the given types) the operators hold, replaced ones left out. */
    async licences(operatorIds: readonly string[], typeCodes: readonly string[]): Promise<LicenceRow[]> {
      if (operatorIds.length === 0) return [];
      const { rows } = await sql.query(
        `SELECT "holderId", "typeCode", "numberEnc", "status",
           to_char("validFrom", 'YYYY-MM-DD') AS "validFrom", to_char("validUntil", 'YYYY-MM-DD') AS "validUntil",
           "extension" -> 'businessScope' AS "businessScope"
         FROM "Certificate"
         WHERE "holderId" = ANY($1::uuid[]) AND "typeCode" = ANY($2::text[]) AND "status" <> 'REPLACED'`,
        [operatorIds, typeCodes],
      );
      return rows as LicenceRow[];
    },

    /** The tasks of the certificates, any state (closed ones are reopened in place). */
    async tasks(certificateIds: readonly string[]): Promise<TaskKeyRow[]> {
      if (certificateIds.length === 0) return [];
      const { rows } = await sql.query(
        `SELECT "id", "certificateId", "ruleCode", "field", "state", "message", "severity", "fixableBy", "areaCode", "holderId"
         FROM "CompletionTask" WHERE "certificateId" = ANY($1::uuid[])`,
        [certificateIds],
      );
      return rows as TaskKeyRow[];
    },

    /**
     * Opens the failures as tasks: new ones inserted OPEN; existing closed ones (CONFIRMED,
     * RESOLVED) reopened; open ones get the current message. WAIVED stays waived. One
     * statement; rows that would not change are not written (no dead tuples on a re-run).
     */
    async openTasks(tasks: readonly TaskWrite[], ids: readonly string[]): Promise<void> {
      if (tasks.length === 0) return;
      const col = <K extends keyof TaskWrite>(k: K) => tasks.map((t) => t[k]);
      await sql.query(
        `INSERT INTO "CompletionTask" ("id", "certificateId", "holderId", "ruleCode", "field", "message", "severity", "fixableBy", "typeCode", "areaCode", "state", "createdAt", "updatedAt")
         SELECT t.id, t.cid, t.hid, t.rule, t.field, t.message, t.severity, t.fixer, t.type, t.area, 'OPEN', now(), now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS t(id, cid, hid, rule, field, message, severity, fixer, type, area)
         ON CONFLICT ("certificateId", "ruleCode", "field") DO UPDATE SET
           "message" = EXCLUDED."message", "severity" = EXCLUDED."severity", "fixableBy" = EXCLUDED."fixableBy",
           "typeCode" = EXCLUDED."typeCode", "areaCode" = EXCLUDED."areaCode", "holderId" = EXCLUDED."holderId",
           "state" = CASE WHEN "CompletionTask"."state" IN ('CONFIRMED', 'RESOLVED') THEN 'OPEN'::"CompletionTaskState" ELSE "CompletionTask"."state" END,
           "resolvedAt" = CASE WHEN "CompletionTask"."state" IN ('CONFIRMED', 'RESOLVED') THEN NULL ELSE "CompletionTask"."resolvedAt" END,
           "updatedAt" = now()
         WHERE "CompletionTask"."state" IN ('CONFIRMED', 'RESOLVED')
            OR "CompletionTask"."message" IS DISTINCT FROM EXCLUDED."message"
            OR "CompletionTask"."severity" IS DISTINCT FROM EXCLUDED."severity"
            OR "CompletionTask"."fixableBy" IS DISTINCT FROM EXCLUDED."fixableBy"
            OR "CompletionTask"."areaCode" IS DISTINCT FROM EXCLUDED."areaCode"
            OR "CompletionTask"."holderId" IS DISTINCT FROM EXCLUDED."holderId"`,
        [
          ids,
          col('certificateId'),
          col('holderId'),
          col('ruleCode'),
          col('field'),
          col('message'),
          col('severity'),
          col('fixableBy'),
          col('typeCode'),
          col('areaCode'),
        ],
      );
    },

    /** Closes open tasks whose rule now passes (RESOLVED): fixed elsewhere, or out of scope. */
    async resolveTasks(taskIds: readonly string[]): Promise<void> {
      if (taskIds.length === 0) return;
      await sql.query(
        `UPDATE "CompletionTask" SET "state" = 'RESOLVED', "resolvedAt" = now(), "updatedAt" = now()
         WHERE "id" = ANY($1::uuid[]) AND "state" IN ${OPEN_TASK_STATES_SQL}`,
        [taskIds],
      );
    },
  };
}

export type SubjectsRepo = ReturnType<typeof createSubjectsRepo>;
