import { presentationFaceSchema, type PresentationFace } from '@roadcert/shared';
import { entryKeys, readEntry, removeEntry, writeEntry } from '../../lib/keyed-storage';
import type { TimedToken } from './rotation';

/**
 * The holder's tokens kept on the device so 亮证 works without signal for a day. A day of
 * 30-second tokens is ~2,900 QR texts of ~350 characters: more than WeChat's 1 MB per key, so
 * the tokens are kept in chunks beside a small header. The header is written last and names the
 * chunk count, so a write cut short is never read as a complete batch.
 */
export interface StoredBatch {
  certificateId: string;
  face: PresentationFace;
  windowSeconds: number;
  /** When the batch was fetched (device clock, epoch ms). */
  fetchedAt: number;
  tokens: TimedToken[];
  /** Set when the service refused new tokens (revoked, suspended…): the screen stays red offline too. */
  refusedReason: string | null;
}

const PREFIX = 'presentation:';
/** ~70 KB a chunk: far below the per-key limit. */
export const TOKENS_PER_CHUNK = 200;

interface Header {
  v: 1;
  certificateId: string;
  face: PresentationFace;
  windowSeconds: number;
  fetchedAt: number;
  refusedReason: string | null;
  chunks: number;
}
/** [notBefore, notAfter, qrText]: a third of the size of the objects. */
type TokenRow = [number, number, string];

const headerKey = (certificateId: string) => `${PREFIX}${certificateId}`;
const chunkKey = (certificateId: string, index: number) => `${PREFIX}${certificateId}:${index}`;

function isHeader(value: unknown): value is Header {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Partial<Header>;
  return (
    header.v === 1 &&
    typeof header.certificateId === 'string' &&
    typeof header.windowSeconds === 'number' &&
    typeof header.fetchedAt === 'number' &&
    (header.refusedReason === null || typeof header.refusedReason === 'string') &&
    Number.isInteger(header.chunks) &&
    presentationFaceSchema.safeParse(header.face).success
  );
}

function isTokenRows(value: unknown): value is TokenRow[] {
  return (
    Array.isArray(value) &&
    value.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 3 &&
        typeof row[0] === 'number' &&
        typeof row[1] === 'number' &&
        typeof row[2] === 'string',
    )
  );
}

function removeChunksFrom(certificateId: string, first: number): void {
  const prefix = `${headerKey(certificateId)}:`;
  for (const key of entryKeys(prefix)) {
    const index = Number(key.slice(prefix.length));
    if (Number.isInteger(index) && index >= first) removeEntry(key);
  }
}

function writeAll(batch: StoredBatch, tokens: TimedToken[]): boolean {
  const chunks = Math.ceil(tokens.length / TOKENS_PER_CHUNK);
  removeEntry(headerKey(batch.certificateId));
  for (let index = 0; index < chunks; index += 1) {
    const rows: TokenRow[] = tokens
      .slice(index * TOKENS_PER_CHUNK, (index + 1) * TOKENS_PER_CHUNK)
      .map((t) => [t.notBefore, t.notAfter, t.qrText]);
    if (!writeEntry(chunkKey(batch.certificateId, index), rows)) return false;
  }
  removeChunksFrom(batch.certificateId, chunks);
  const header: Header = {
    v: 1,
    certificateId: batch.certificateId,
    face: batch.face,
    windowSeconds: batch.windowSeconds,
    fetchedAt: batch.fetchedAt,
    refusedReason: batch.refusedReason,
    chunks,
  };
  return writeEntry(headerKey(batch.certificateId), header);
}

/**
 * Keeps the batch. When the device is short of space, keeps the earliest tokens that fit (the
 * next hours matter more than the last ones). Returns how many tokens were kept.
 */
export function saveBatch(batch: StoredBatch): number {
  let tokens = batch.tokens;
  for (;;) {
    if (writeAll(batch, tokens)) return tokens.length;
    if (tokens.length <= TOKENS_PER_CHUNK) {
      forgetBatch(batch.certificateId);
      return 0;
    }
    tokens = tokens.slice(0, Math.ceil(tokens.length / 2));
  }
}

/** The batch kept for this certificate, or null when there is none or it is damaged. */
export function loadBatch(certificateId: string): StoredBatch | null {
  const header = readEntry(headerKey(certificateId));
  if (!isHeader(header) || header.certificateId !== certificateId) return null;
  const tokens: TimedToken[] = [];
  for (let index = 0; index < header.chunks; index += 1) {
    const rows = readEntry(chunkKey(certificateId, index));
    if (!isTokenRows(rows)) return null;
    for (const [notBefore, notAfter, qrText] of rows) tokens.push({ notBefore, notAfter, qrText });
  }
  const { face, windowSeconds, fetchedAt, refusedReason } = header;
  return { certificateId, face, windowSeconds, fetchedAt, refusedReason, tokens };
}

export function forgetBatch(certificateId: string): void {
  removeEntry(headerKey(certificateId));
  removeChunksFrom(certificateId, 0);
}

/** Every batch on the device: on sign-out, so the next person on this phone cannot show them. */
export function forgetAllBatches(): void {
  for (const key of entryKeys(PREFIX)) removeEntry(key);
}
