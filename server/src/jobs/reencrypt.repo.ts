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
  { table: 'Certificate', column: 'numberEnc', aad: 'certificateNumber' },
  { table: 'Account', column: 'phoneEnc', aad: 'phone' },
  { table: 'StaffUser', column: 'totpSecretEnc', aad: 'totpSecret' },
  { table: 'MessageOutbox', column: 'recipientEnc', aad: 'recipient' },
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
