/**
 * Private object storage behind one small interface: the local folder (embedded
 * default) or Alibaba Cloud OSS. Keys are always chosen by the server; objects are
 * never public and are reached only through short-lived signed URLs.
 */
export interface ObjectStorage {
  readonly driver: 'local' | 'oss';
  /** Writes a new object. Keys are unique: an existing key is an error, never overwritten. */
  put(key: string, bytes: Buffer, options: { contentType: string }): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; removing a missing object is not an error (so retries are safe). */
  delete(key: string): Promise<void>;
  /** Keys directly under `prefix` (a folder, ending in `/`), sorted; for server-owned folders (audit checkpoints). */
  list(prefix: string): Promise<string[]>;
  /** A GET URL that stops working after `expiresInSeconds`. */
  signedUrl(key: string, options: { expiresInSeconds: number }): Promise<{ url: string; expiresAt: Date }>;
}

/** Slash-separated segments of [A-Za-z0-9._-], each starting with a letter or digit: no '..', no leading '/'. */
const objectKeyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

export function isObjectKey(key: string): boolean {
  return key.length <= 300 && objectKeyPattern.test(key);
}

/** A programming error (keys are server-chosen), so a plain Error. */
export function assertObjectKey(key: string) {
  if (!isObjectKey(key)) throw new Error('invalid object key');
}

/** Content types by key extension, for serving local files. */
export const contentTypeByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  json: 'application/json',
};
