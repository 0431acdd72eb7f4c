import { chinaToday } from '@roadcert/shared';
import type { ExpiryRepo } from './expire.repo';

/** Certificates per statement: short transactions, so holders' own changes never wait long on a lock. */
export const EXPIRY_CHUNK = 1_000;

/**
 * The daily 已过期 job (`certificates.expire`, docs/aggregation.md "Events"): every VALID certificate
 * whose 有效期至 has passed in China becomes EXPIRED, in chunks, each chunk one statement that also
 * writes the event and the aggregation version (expire.repo.ts). Safe to run in several processes at
 * once (SKIP LOCKED) and again (only VALID rows match). Until it runs, readers derive the same status
 * from the dates (`effectiveStatus`), so nothing a verifier or holder sees changes with it.
 */
export async function expireCertificates(deps: {
  repo: ExpiryRepo;
  now?: () => Date;
  chunkSize?: number;
}): Promise<{ expired: number; chunks: number; today: string }> {
  const today = chinaToday((deps.now ?? (() => new Date()))());
  const chunkSize = deps.chunkSize ?? EXPIRY_CHUNK;
  let expired = 0;
  let chunks = 0;
  for (;;) {
    const ids = await deps.repo.expireChunk(today, chunkSize);
    expired += ids.length;
    if (ids.length > 0) chunks++;
    if (ids.length < chunkSize) return { expired, chunks, today };
  }
}
