import { presentationFaceSchema, type PresentationFace } from '@roadcert/shared';
import { entryKeys, readEntry, removeEntry, writeEntry } from '../../lib/keyed-storage';
import type { HeldIntervalRow } from './rotation';

/**
 * The holder's material kept on the device so 亮证 works without signal for a day: the face and,
 * per 2-hour interval, the signed anchor and the chain seed (token version 2,
 * docs/presentation-token.md) — about 3 KB for a day, one storage entry. The seeds make every
 * QR of their interval: they stay in the mini-program's own storage and are dropped on sign-out.
 * (Version 1 kept ~1,440 signed QR texts in chunks; those entries are removed when replaced.)
 */
export interface StoredBatch {
  certificateId: string;
  face: PresentationFace;
  windowSeconds: number;
  /** When the material was fetched (device clock, epoch ms). */
  fetchedAt: number;
  /** QR text = `${qrBaseUrl}/v/<digits>`. */
  qrBaseUrl: string;
  intervals: HeldIntervalRow[];
  /** Set when the service refused new material (revoked, suspended…): the screen stays red offline too. */
  refusedReason: string | null;
}

const PREFIX = 'presentation:';

interface Entry extends StoredBatch {
  v: 2;
}

const entryKey = (certificateId: string) => `${PREFIX}${certificateId}`;

function isInterval(value: unknown): value is HeldIntervalRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Partial<HeldIntervalRow>;
  return (
    typeof row.start === 'number' &&
    typeof row.end === 'number' &&
    typeof row.anchor === 'string' &&
    typeof row.seed === 'string'
  );
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Entry>;
  return (
    entry.v === 2 &&
    typeof entry.certificateId === 'string' &&
    typeof entry.windowSeconds === 'number' &&
    typeof entry.fetchedAt === 'number' &&
    typeof entry.qrBaseUrl === 'string' &&
    (entry.refusedReason === null || typeof entry.refusedReason === 'string') &&
    Array.isArray(entry.intervals) &&
    entry.intervals.every(isInterval) &&
    presentationFaceSchema.safeParse(entry.face).success
  );
}

/** Version 1's token chunks (`presentation:<id>:<n>`), left behind by an update. */
function removeChunks(certificateId: string): void {
  for (const key of entryKeys(`${entryKey(certificateId)}:`)) removeEntry(key);
}

/** Keeps the material; false when the device refused to store it. */
export function saveBatch(batch: StoredBatch): boolean {
  removeChunks(batch.certificateId);
  const entry: Entry = { v: 2, ...batch };
  return writeEntry(entryKey(batch.certificateId), entry);
}

/** The material kept for this certificate, or null when there is none, it is damaged or of version 1. */
export function loadBatch(certificateId: string): StoredBatch | null {
  const entry = readEntry(entryKey(certificateId));
  if (!isEntry(entry) || entry.certificateId !== certificateId) return null;
  const { face, windowSeconds, fetchedAt, qrBaseUrl, intervals, refusedReason } = entry;
  return { certificateId, face, windowSeconds, fetchedAt, qrBaseUrl, intervals, refusedReason };
}

export function forgetBatch(certificateId: string): void {
  removeEntry(entryKey(certificateId));
  removeChunks(certificateId);
}

/** Every batch on the device: on sign-out, so the next person on this phone cannot show them. */
export function forgetAllBatches(): void {
  for (const key of entryKeys(PREFIX)) removeEntry(key);
}
