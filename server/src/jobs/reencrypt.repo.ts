import type { Sql } from '../db/database';

/**
 * The encrypted columns the re-encryption job rewrites after a field-key rotation, with the
 * associated data each was sealed with (the column name given to `fieldCrypto.encrypt`).
 * Aggregation payloads (`AggregationOutbox.payload.canonicalEnc`) are left out: an outbox row
 * is sent and done within days, before an old key is retired.
 */
export const encryptedColumns = [
  { table: 'Holder', column: 'idNumberEnc', aad: 'idNumber' },
  { table: 'Holder', column: 'phoneEnc', aad: 'phone' },
  { table: 'Holder', column: 'legalRepIdEnc', aad: 'legalRepId' },
  { table: 'Holder', column: 'legalRepNameEnc', aad: 'legalRepName' },
  { table: 'Holder', column: 'birthDateEnc', aad: 'birthDate' },
  { table: 'Holder', column: 'addressEnc', aad: 'address' },
  { table: 'Certificate', column: 'numberEnc', aad: 'certificateNumber' },
  { table: 'Account', column: 'phoneEnc', aad: 'phone' },
  { table: 'StaffUser', column: 'totpSecretEnc', aad: 'totpSecret' },
  // Console SMS rows seal the number as 'recipient'; reminder rows copy the account's or holder's
  // sealed phone in set-based SQL, so theirs is sealed as 'phone'. Re-sealed with the one that opens.
  { table: 'MessageOutbox', column: 'recipientEnc', aad: 'recipient', altAad: 'phone' },
] as const;

export type EncryptedColumn = (typeof encryptedColumns)[number];

/** Plain SQL on the pool: the table and column names come from the list above, never from input. */
export function createReencryptRepo(sql: Sql) {
  return {
    /** A page of non-null values after `afterId`, in id order. */
    async page(c: EncryptedColumn, afterId: string | null, limit: number) {
      const { rows } = await sql.query(
        `SELECT "id", "${c.column}" AS "value" FROM "${c.table}"
         WHERE "${c.column}" IS NOT NULL AND ($1::uuid IS NULL OR "id" > $1::uuid) ORDER BY "id" LIMIT $2`,
        [afterId, limit],
      );
      return rows as { id: string; value: Buffer }[];
    },

    /** Writes the new values, each only if the row still holds the value that was read (a concurrent write wins). */
    async rewrite(c: EncryptedColumn, rows: { id: string; old: Buffer; value: Buffer }[]) {
      if (rows.length === 0) return 0;
      const result = await sql.query(
        `UPDATE "${c.table}" t SET "${c.column}" = u.value
         FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS u(id, old, value)
         WHERE t."id" = u.id AND t."${c.column}" = u.old`,
        [rows.map((r) => r.id), rows.map((r) => r.old), rows.map((r) => r.value)],
      );
      return result.rowCount ?? 0;
    },
  };
}

export type ReencryptRepo = ReturnType<typeof createReencryptRepo>;

/** Holders still carrying a legacy clear copy of a sealed field (birth date, address, legal representative's name). */
export function createClearFieldsRepo(sql: Sql) {
  return {
    async page(limit: number) {
      const { rows } = await sql.query(
        `SELECT "id", to_char("birthDate", 'YYYY-MM-DD') AS "birthDate", "address", "legalRepName" FROM "Holder"
         WHERE "birthDate" IS NOT NULL OR "address" IS NOT NULL OR "legalRepName" IS NOT NULL
         ORDER BY "id" LIMIT $1`,
        [limit],
      );
      return rows as { id: string; birthDate: string | null; address: string | null; legalRepName: string | null }[];
    },
    /** Writes the sealed values and clears the legacy copies in one statement per page. */
    async seal(
      rows: {
        id: string;
        birthDateEnc: Buffer | null;
        addressEnc: Buffer | null;
        legalRepNameEnc: Buffer | null;
        legalRepNameHash: string | null;
      }[],
    ) {
      if (rows.length === 0) return 0;
      const result = await sql.query(
        `UPDATE "Holder" h SET
           "birthDateEnc" = COALESCE(u.birth, h."birthDateEnc"), "birthDate" = NULL,
           "addressEnc" = COALESCE(u.address, h."addressEnc"), "address" = NULL,
           "legalRepNameEnc" = COALESCE(u.rep, h."legalRepNameEnc"),
           "legalRepNameHash" = COALESCE(u.rep_hash, h."legalRepNameHash"), "legalRepName" = NULL
         FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::bytea[], $5::varchar[]) AS u(id, birth, address, rep, rep_hash)
         WHERE h."id" = u.id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.birthDateEnc),
          rows.map((r) => r.addressEnc),
          rows.map((r) => r.legalRepNameEnc),
          rows.map((r) => r.legalRepNameHash),
        ],
      );
      return result.rowCount ?? 0;
    },
  };
}

export type ClearFieldsRepo = ReturnType<typeof createClearFieldsRepo>;
