import type { FieldCrypto } from '../lib/field-crypto';
import { encryptedColumns, type ClearFieldsRepo, type ReencryptRepo } from './reencrypt.repo';

/**
 * Opens a sealed value with its column's associated data, or with the alternative of a column
 * written by two paths (the outbox's number: 'recipient' from the console SMS, 'phone' copied by
 * reminders). Returns the associated data that opened it, to seal again with the same.
 */
export function openSealed(
  fieldCrypto: Pick<FieldCrypto, 'decrypt'>,
  value: Buffer,
  column: { aad: string; altAad?: string },
): { plain: string; aad: string } {
  try {
    return { plain: fieldCrypto.decrypt(value, column.aad), aad: column.aad };
  } catch (err) {
    if (column.altAad === undefined) throw err;
    return { plain: fieldCrypto.decrypt(value, column.altAad), aad: column.altAad };
  }
}

/**
 * After a field-key rotation (docs/retention.md, "Key rotation"): every encrypted column read in
 * id order, 500 rows a page; a value sealed under any key but the current one is decrypted and
 * sealed again under the current key. Idempotent and resumable (a re-run finds nothing left);
 * a value changed meanwhile by the application is left to it. Returns what it rewrote and what
 * is still under an old key (0 everywhere: the old key can leave the configuration).
 */
export async function reencryptFields(deps: { repo: ReencryptRepo; fieldCrypto: FieldCrypto }, pageSize = 500) {
  const counts: Record<string, { rewritten: number; failed: number }> = {};
  for (const c of encryptedColumns) {
    const name = `${c.table}.${c.column}`;
    const count = (counts[name] = { rewritten: 0, failed: 0 });
    let after: string | null = null;
    for (;;) {
      const page = await deps.repo.page(c, after, pageSize);
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      const rows: { id: string; old: Buffer; value: Buffer }[] = [];
      for (const row of page) {
        if (deps.fieldCrypto.isCurrent(row.value)) continue;
        try {
          const { plain, aad } = openSealed(deps.fieldCrypto, row.value, c);
          rows.push({ id: row.id, old: row.value, value: Buffer.from(deps.fieldCrypto.encrypt(plain, aad)) });
        } catch {
          // A key missing from the configuration, or a damaged value: counted, never logged with content.
          count.failed++;
        }
      }
      count.rewritten += await deps.repo.rewrite(c, rows);
      if (page.length < pageSize) break;
    }
  }
  return counts;
}

/**
 * Personal fields that were kept in clear before they were sealed (docs/retention.md, "Personal
 * fields at rest"): each holder's birth date, address and legal representative's name move into
 * their sealed columns (the name with its blind index) and the clear copy is set to NULL. Runs
 * before the re-encryption; idempotent (a re-run finds nothing).
 */
export async function sealClearFields(deps: { repo: ClearFieldsRepo; fieldCrypto: FieldCrypto }, pageSize = 500) {
  let sealed = 0;
  for (;;) {
    const page = await deps.repo.page(pageSize);
    if (page.length === 0) return sealed;
    const enc = (v: string | null, column: string) =>
      v === null ? null : Buffer.from(deps.fieldCrypto.encrypt(v, column));
    sealed += await deps.repo.seal(
      page.map((h) => {
        const rep = h.legalRepName === null ? null : deps.fieldCrypto.sealPersonName(h.legalRepName, 'legalRepName');
        return {
          id: h.id,
          birthDateEnc: enc(h.birthDate, 'birthDate'),
          addressEnc: enc(h.address, 'address'),
          legalRepNameEnc: rep ? Buffer.from(rep.enc) : null,
          legalRepNameHash: rep?.hash ?? null,
        };
      }),
    );
  }
}
