import { keyListSchema, statusListSchema, type KeyList, type StatusList } from '@roadcert/shared';
import { readEntry, writeEntry } from '../../lib/keyed-storage';

/** A list the scanner keeps on the device, with when it was fetched (device clock, epoch ms). */
export interface CachedList<T> {
  fetchedAt: number;
  list: T;
}

const KEYS = 'verifier:keys';
const STATUS = 'verifier:status';

function read<T>(
  key: string,
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } },
): CachedList<T> | null {
  const value = readEntry(key) as { fetchedAt?: unknown; list?: unknown } | undefined;
  if (typeof value !== 'object' || value === null || typeof value.fetchedAt !== 'number') return null;
  const parsed = schema.safeParse(value.list);
  return parsed.success ? { fetchedAt: value.fetchedAt, list: parsed.data } : null;
}

export function loadKeyList(): CachedList<KeyList> | null {
  return read(KEYS, keyListSchema);
}

export function loadStatusList(): CachedList<StatusList> | null {
  return read(STATUS, statusListSchema);
}

export function saveKeyList(cached: CachedList<KeyList>): void {
  writeEntry(KEYS, cached);
}

export function saveStatusList(cached: CachedList<StatusList>): void {
  writeEntry(STATUS, cached);
}
