import type { Sql } from '../db/database';

/**
 * The blind-indexed columns the re-index job rewrites after a blind-index key rotation, each with
 * the encrypted column it can be computed from (and its associated data), and the purposes its
 * digest may have been made with: the job finds which one the stored digest matches under its
 * own key, so it never rewrites a digest to another purpose. `derive` builds the indexed text
 * from the plaintext when it is not the plaintext itself (the stock key is `<type>:<number>`).
 * Digests without a sealed source are not here: SMS codes, request IPs and lookup-number keys
 * live minutes to a day and are looked up under every key meanwhile (docs/retention.md).
 */
export const blindIndexedColumns = [
  { table: 'Holder', hash: 'idNumberHash', enc: 'idNumberEnc', aad: 'idNumber', purposes: ['id-number'], unique: true },
  { table: 'Holder', hash: 'phoneHash', enc: 'phoneEnc', aad: 'phone', purposes: ['phone'], unique: false },
  {
    table: 'Holder',
    hash: 'legalRepIdHash',
    enc: 'legalRepIdEnc',
    aad: 'legalRepId',
    purposes: ['id-number'],
    unique: false,
  },
  {
    table: 'Holder',
    hash: 'legalRepNameHash',
    enc: 'legalRepNameEnc',
    aad: 'legalRepName',
    purposes: ['person-name'],
    unique: false,
  },
  {
    table: 'Certificate',
    hash: 'numberHash',
    enc: 'numberEnc',
    aad: 'certificateNumber',
    purposes: ['id-number', 'certificate-number'],
    unique: false,
  },
  {
    table: 'Certificate',
    hash: 'stockKey',
    enc: 'numberEnc',
    aad: 'certificateNumber',
    purposes: ['stock-key'],
    unique: true,
    derive: (number: string, row: { typeCode?: string }) => `${row.typeCode}:${number}`,
  },
  { table: 'Account', hash: 'phoneHash', enc: 'phoneEnc', aad: 'phone', purposes: ['phone'], unique: true },
  // Sealed as 'recipient' by the console SMS, as 'phone' by reminders (see reencrypt.repo.ts).
  {
    table: 'MessageOutbox',
    hash: 'recipientHash',
    enc: 'recipientEnc',
    aad: 'recipient',
    altAad: 'phone',
    purposes: ['phone'],
    unique: false,
  },
  // 退订: keyed by the digest itself, one row per key's digest of the number. A row whose new
  // digest exists already (written under both keys) is a duplicate by design: it is deleted.
  {
    table: 'MessageOptOut',
    hash: 'recipientHash',
    enc: 'recipientEnc',
    aad: 'recipient',
    altAad: 'phone',
    purposes: ['phone'],
    unique: true,
    keyedByDigest: true,
  },
] as const;

export type BlindIndexedColumn = (typeof blindIndexedColumns)[number];

/** Plain SQL on the pool: table and column names come from the list above, never from input. */
export function createReindexRepo(sql: Sql) {
  return {
    /** A page of rows with a digest after `afterId`, in id order, with what recomputes it. */
    async page(c: BlindIndexedColumn, afterId: string | null, limit: number) {
      const extra = c.table === 'Certificate' ? `, "typeCode"` : '';
      const [id, type] = 'keyedByDigest' in c ? [`"${c.hash}"`, 'text'] : ['"id"', 'uuid'];
      const { rows } = await sql.query(
        `SELECT ${id} AS "id", "${c.hash}" AS "hash", "${c.enc}" AS "enc"${extra} FROM "${c.table}"
         WHERE "${c.hash}" IS NOT NULL AND ($1::${type} IS NULL OR ${id} > $1::${type}) ORDER BY ${id} LIMIT $2`,
        [afterId, limit],
      );
      return rows as { id: string; hash: string; enc: Buffer | null; typeCode?: string }[];
    },

    /**
     * Writes the new digests, each only if the row still holds the digest read (a concurrent write
     * wins) and, for a unique column, only if no other row holds the new digest yet (that would be
     * a duplicate made during the rotation: left for a person, counted as a conflict).
     */
    async rewrite(c: BlindIndexedColumn, rows: { id: string; old: string; value: string }[]) {
      if (rows.length === 0) return 0;
      if ('keyedByDigest' in c) {
        // Of rows that become one digest (the number under two old keys) one moves, the rest go;
        // so do rows whose new digest is there already.
        const targets = new Set<string>();
        const moving = rows.filter((r) => !targets.has(r.value) && targets.add(r.value));
        const extra = rows.filter((r) => !moving.includes(r)).map((r) => r.old);
        const gone = await sql.query(
          `DELETE FROM "${c.table}" t USING unnest($1::text[], $2::text[]) AS u(old, value)
           WHERE t."${c.hash}" = u.old
             AND (u.old = ANY($3::text[]) OR EXISTS (SELECT 1 FROM "${c.table}" d WHERE d."${c.hash}" = u.value))`,
          [rows.map((r) => r.old), rows.map((r) => r.value), extra],
        );
        const moved = await sql.query(
          `UPDATE "${c.table}" t SET "${c.hash}" = u.value FROM unnest($1::text[], $2::text[]) AS u(old, value)
           WHERE t."${c.hash}" = u.old`,
          [moving.map((r) => r.old), moving.map((r) => r.value)],
        );
        return (gone.rowCount ?? 0) + (moved.rowCount ?? 0);
      }
      const guard = c.unique ? `AND NOT EXISTS (SELECT 1 FROM "${c.table}" d WHERE d."${c.hash}" = u.value)` : '';
      const result = await sql.query(
        `UPDATE "${c.table}" t SET "${c.hash}" = u.value
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, old, value)
         WHERE t."id" = u.id AND t."${c.hash}" = u.old ${guard}`,
        [rows.map((r) => r.id), rows.map((r) => r.old), rows.map((r) => r.value)],
      );
      return result.rowCount ?? 0;
    },
  };
}

export type ReindexRepo = ReturnType<typeof createReindexRepo>;
