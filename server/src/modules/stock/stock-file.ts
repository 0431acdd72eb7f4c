import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ObjectStorage } from '../../adapters/storage';

/**
 * The uploaded file in private storage, as numbered parts of at most PART_BYTES under
 * `stock-imports/<importId>/`: the storage interface moves whole Buffers, so parts keep the
 * memory of an upload, a resume and a re-read flat whatever the file size (200 MB = 25 parts).
 * Each part is a small JSON document holding the bytes in base64: the local driver accepts
 * only the content types of its extension table (images, PDF, JSON), and a `.json` key must
 * hold JSON. (A `bin`/`csv` entry in that table would let the parts be raw bytes.)
 */
export const PART_BYTES = 8 * 1024 * 1024;

export type StockFileStorage = Pick<ObjectStorage, 'put' | 'get' | 'list' | 'delete'>;

export const stockFilePrefix = (importId: string) => `stock-imports/${importId}/`;
const partKey = (importId: string, n: number) => `${stockFilePrefix(importId)}part-${String(n).padStart(5, '0')}.json`;
const encodePart = (bytes: Buffer) => Buffer.from(`{"base64":"${bytes.toString('base64')}"}`);
const decodePart = (stored: Buffer) =>
  Buffer.from((JSON.parse(stored.toString('latin1')) as { base64: string }).base64, 'base64');

/** Stores a stream as parts while hashing it; returns the sha256 and the size. */
export async function storeStockFile(
  storage: StockFileStorage,
  importId: string,
  source: AsyncIterable<Buffer>,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let part = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await storage.put(partKey(importId, part), encodePart(Buffer.concat(pending, pendingBytes)), {
      contentType: 'application/json',
    });
    part += 1;
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new RangeError('file too large');
    hash.update(chunk);
    let rest = chunk;
    while (pendingBytes + rest.length >= PART_BYTES) {
      const take = PART_BYTES - pendingBytes;
      pending.push(rest.subarray(0, take));
      pendingBytes += take;
      rest = rest.subarray(take);
      await flush();
    }
    if (rest.length > 0) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  await flush();
  return { sha256: hash.digest('hex'), bytes: total };
}

/** The stored file as a stream, one part in memory at a time. */
export function openStockFile(storage: StockFileStorage, importId: string): Readable {
  async function* parts() {
    const keys = (await storage.list(stockFilePrefix(importId))).filter((k) => /part-\d{5}\.json$/.test(k)).sort();
    if (keys.length === 0) throw new Error('stock file missing from storage');
    for (const key of keys) {
      const bytes = await storage.get(key);
      if (!bytes) throw new Error('stock file part missing from storage');
      yield decodePart(bytes);
    }
  }
  return Readable.from(parts(), { objectMode: false });
}

/** Removes the stored parts (import done, or upload refused). */
export async function deleteStockFile(storage: StockFileStorage, importId: string): Promise<void> {
  for (const key of await storage.list(stockFilePrefix(importId))) await storage.delete(key);
}
