import Taro from '@tarojs/taro';

/**
 * Device storage under keys built at run time (one per certificate, per chunk…), for caches
 * that `storage.ts`'s fixed key list cannot name. Values come back `unknown`: the caller checks
 * their shape, because what is on the device may be stale or foreign. Same namespace as
 * `storage.ts`.
 */
const NAMESPACE = 'roadcert:';

/** The stored value, or undefined when absent (Taro answers '' for a missing key). */
export function readEntry(key: string): unknown {
  try {
    const value: unknown = Taro.getStorageSync(NAMESPACE + key);
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

/** False when the device refused it (storage full: 1 MB per key, 10 MB in all on WeChat). */
export function writeEntry(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(NAMESPACE + key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeEntry(key: string): void {
  try {
    Taro.removeStorageSync(NAMESPACE + key);
  } catch {
    // Nothing to remove, or storage unavailable: either way the entry is not readable.
  }
}

/** Keys (without the namespace) that start with `prefix`. */
export function entryKeys(prefix: string): string[] {
  try {
    return Taro.getStorageInfoSync()
      .keys.filter((key) => key.startsWith(NAMESPACE + prefix))
      .map((key) => key.slice(NAMESPACE.length));
  } catch {
    return [];
  }
}
