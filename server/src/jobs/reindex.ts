import { blindIndexKeyId, type FieldCrypto } from '../lib/field-crypto';
import { openSealed } from './reencrypt';
import { blindIndexedColumns, type ReindexRepo } from './reindex.repo';

type Crypto = Pick<FieldCrypto, 'decrypt' | 'blindIndexUnder' | 'isCurrentIndex' | 'blindIndexKeyIds'>;

/**
 * After a blind-index key rotation (docs/retention.md, "Key rotation"): every blind-indexed column
 * read in id order, 500 rows a page; a digest under any key but the current one is recomputed
 * from its sealed source under the current key, with the purpose it was made with (the one whose
 * digest under the old key matches). Idempotent and resumable. `failed` counts digests that
 * cannot be recomputed (source missing or undecryptable, old key gone, no purpose matches) or
 * that would duplicate another row's (unique columns); never logged with content. When a run
 * rewrites 0 and fails 0 everywhere, the old keys can leave BLIND_INDEX_KEYS.
 */
export async function reindexBlindIndexes(deps: { repo: ReindexRepo; fieldCrypto: Crypto }, pageSize = 500) {
  const { fieldCrypto } = deps;
  const configured = new Set(fieldCrypto.blindIndexKeyIds);
  const current = fieldCrypto.blindIndexKeyIds[0]!;
  const counts: Record<string, { rewritten: number; failed: number }> = {};
  for (const c of blindIndexedColumns) {
    const name = `${c.table}.${c.hash}`;
    const count = (counts[name] = { rewritten: 0, failed: 0 });
    let after: string | null = null;
    for (;;) {
      const page = await deps.repo.page(c, after, pageSize);
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      const rows: { id: string; old: string; value: string }[] = [];
      for (const row of page) {
        if (fieldCrypto.isCurrentIndex(row.hash)) continue;
        const kid = blindIndexKeyId(row.hash);
        let value: string | undefined;
        if (row.enc !== null && configured.has(kid)) {
          try {
            const { plain } = openSealed(fieldCrypto, row.enc, c);
            const text = 'derive' in c ? c.derive(plain, row) : plain;
            const purpose = c.purposes.find((p) => fieldCrypto.blindIndexUnder(kid, text, p) === row.hash);
            if (purpose) value = fieldCrypto.blindIndexUnder(current, text, purpose);
          } catch {
            // An undecryptable source: counted below, never logged with content.
          }
        }
        if (value === undefined) count.failed++;
        else rows.push({ id: row.id, old: row.hash, value });
      }
      const written = await deps.repo.rewrite(c, rows);
      count.rewritten += written;
      // A unique digest another row already holds (or a row changed meanwhile) was not written.
      count.failed += rows.length - written;
      if (page.length < pageSize) break;
    }
  }
  return counts;
}
