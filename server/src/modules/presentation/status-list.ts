import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chinaToday, type StatusList } from '@roadcert/shared';
import {
  base64urlEncode,
  createStatusBits,
  setStatusBits,
  STATUS_LIST_BITS,
  STATUS_LIST_MIN_SIZE,
  statusListSigningInput,
  statusListValueOf,
} from '@roadcert/shared/presentation';
import type { Config } from '../../config';
import { cacheLifetime, type ChangeFeed } from '../../db/notify';
import type { Keyring } from './signing-keys';
import type { StatusIndexRepo } from './status-list.repo';

export type StatusListDeps = {
  config: Pick<Config, 'presentation'>;
  statusIndexes: StatusIndexRepo;
  /** Status changes made by any process (db/notify.ts) drop the cached list. */
  changes: Pick<ChangeFeed, 'subscribe' | 'live'>;
};

/** While change notifications are down, the list is rebuilt at most this often (it reads every index). */
const FALLBACK_LIST_MS = 10_000;

/**
 * The public status list: 2 bits per index, at least 131,072 entries, gzip + base64url,
 * signed with the active presentation key. Indexes are random and carry no id, so the
 * list says which positions are revoked, never whose. Built from the database on demand,
 * cached for PRESENTATION_STATUS_LIST_TTL_SECONDS and dropped at once on a status change.
 */
export function createStatusListService(deps: StatusListDeps, keyring: Keyring) {
  const { statusIndexes } = deps;
  const ttlSeconds = deps.config.presentation.statusListTtlSeconds;
  let cached: { list: StatusList; expires: number } | null = null;
  let building: Promise<StatusList> | null = null;

  /** The list grows in powers of two once certificates fill a quarter of it (random picks stay cheap). */
  const sizeFor = (certificates: number, maxIndex: number) => {
    let size = STATUS_LIST_MIN_SIZE;
    while (size < certificates * 4 || size <= maxIndex) size *= 2;
    return size;
  };

  async function build(): Promise<StatusList> {
    const rows = await statusIndexes.indexed();
    const today = chinaToday();
    const maxIndex = rows.reduce((m, r) => Math.max(m, r.statusIndex ?? 0), 0);
    const size = sizeFor(rows.length, maxIndex);
    const bits = createStatusBits(size);
    for (const r of rows) {
      const expired = r.status === 'VALID' && r.validUntil !== null && r.validUntil.toISOString().slice(0, 10) < today;
      setStatusBits(bits, r.statusIndex!, statusListValueOf(expired ? 'EXPIRED' : r.status));
    }
    const signer = await keyring.active();
    const unsigned = {
      issuedAt: new Date().toISOString(),
      ttlSeconds,
      size,
      bitsPerEntry: STATUS_LIST_BITS,
      encodedList: base64urlEncode(gzipSync(bits, { level: 9 })),
      kid: signer.kid,
      alg: signer.suite.alg,
    } as const;
    return { ...unsigned, signature: Buffer.from(await signer.sign(statusListSigningInput(unsigned))).toString('hex') };
  }

  async function current(): Promise<StatusList> {
    if (cached && Date.now() < cached.expires) return cached.list;
    building ??= build()
      .then((list) => {
        const keepMs = cacheLifetime(deps.changes, ttlSeconds * 1000, FALLBACK_LIST_MS);
        cached = { list, expires: Date.now() + keepMs };
        return list;
      })
      .finally(() => {
        building = null;
      });
    return building;
  }

  /** A certificate's index, assigned on first need: random among the unused ones. */
  async function ensureIndex(certificateId: string): Promise<number> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const row = await statusIndexes.indexOf(certificateId);
      if (!row) throw new Error('certificate vanished');
      if (row.statusIndex !== null) return row.statusIndex;
      const { count, maxIndex } = await statusIndexes.usage();
      const candidate = randomInt(0, sizeFor(count + 1, maxIndex));
      if (!(await statusIndexes.assign(certificateId, candidate))) continue; // taken: pick again
    }
    throw new Error('no free status index after 10 attempts');
  }

  deps.changes.subscribe((change) => {
    if (change.kind === 'all' || (change.kind === 'certificate' && change.statusList)) cached = null;
  });

  return { current, ensureIndex, invalidate: () => void (cached = null) };
}

export type StatusListService = ReturnType<typeof createStatusListService>;
