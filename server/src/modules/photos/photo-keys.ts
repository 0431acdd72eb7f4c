import { randomUUID } from 'node:crypto';

export type PhotoObjectKind = 'original' | 'processed';

/**
 * Server-chosen object keys: photos/<holderId>/<yyyy>/<mm>/<uuid>.<kind>.jpg. The random
 * UUID makes keys unguessable and unique (storage refuses to overwrite); the holder
 * prefix lets an erasure request find everything of one person; both objects of a photo
 * share the UUID. Nothing personal (name, ID number) ever appears in a key.
 */
export function photoObjectKeys(holderId: string, now = new Date()) {
  const base = `photos/${holderId}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
  return { original: `${base}.original.jpg`, processed: `${base}.processed.jpg` } satisfies Record<
    PhotoObjectKind,
    string
  >;
}
