import type { FieldCrypto } from '../lib/field-crypto';
import { encryptedColumns, type ReencryptRepo } from './reencrypt.repo';

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
          const plain = deps.fieldCrypto.decrypt(row.value, c.aad);
          rows.push({ id: row.id, old: row.value, value: Buffer.from(deps.fieldCrypto.encrypt(plain, c.aad)) });
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
