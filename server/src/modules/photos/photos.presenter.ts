import { photoVerdictSchema, type PhotoResult } from '@roadcert/shared';
import type { ObjectStorage } from '../../adapters/storage';
import type { PhotoRow } from './photos.repo';

/** What the verdict column holds besides the verdict itself. */
export type StoredVerdict = { typeCode: string | null; format: string; source: { width: number; height: number } };

/** A photo row as the holder sees it: signed, expiring links only (never object keys). */
export async function presentPhoto(row: PhotoRow, storage: ObjectStorage, ttlSeconds: number): Promise<PhotoResult> {
  const link = async (key: string) => {
    const signed = await storage.signedUrl(key, { expiresInSeconds: ttlSeconds });
    return { url: signed.url, expiresAt: signed.expiresAt.toISOString() };
  };
  const stored = row.verdict as Partial<StoredVerdict> & Record<string, unknown>;
  const [image, original] = await Promise.all([link(row.processedKey ?? row.originalKey), link(row.originalKey)]);
  return {
    verdict: photoVerdictSchema.parse(stored),
    photo: {
      id: row.id,
      purpose: row.purpose,
      typeCode: stored.typeCode ?? null,
      applicationId: row.applicationId,
      width: row.width ?? 0,
      height: row.height ?? 0,
      bytes: row.bytes ?? 0,
      createdAt: row.createdAt.toISOString(),
      image,
      original,
    },
  };
}
