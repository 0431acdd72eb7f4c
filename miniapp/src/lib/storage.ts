import Taro from '@tarojs/taro';

/** Everything the app keeps on the device, by key. Keys are namespaced when stored. */
export interface StoredValues {
  /** Short-lived bearer token of the current session. */
  accessToken: string;
  /** Rotating refresh token; replaced by every refresh. */
  refreshToken: string;
  /** Version of the privacy policy the person agreed to on this device (first run). */
  privacyPolicyVersion: string;
  /** 长辈版: larger text and touch targets. */
  elderMode: boolean;
  /** Authority staff (运管) session token, H5 portal only. Kept apart from the account tokens: a staff session is not an account session. */
  staffAccessToken: string;
}
export type StorageKey = keyof StoredValues;

const NAMESPACE = 'roadcert:';

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Runtime type guards so a stale or foreign value never leaks out typed as something it is not. */
const guards: { [K in StorageKey]: (value: unknown) => value is StoredValues[K] } = {
  accessToken: isText,
  refreshToken: isText,
  privacyPolicyVersion: isText,
  elderMode: (value): value is boolean => typeof value === 'boolean',
  staffAccessToken: isText,
};

export function storageKey(key: StorageKey): string {
  return NAMESPACE + key;
}

/** Returns the stored value, or undefined when absent or of the wrong type. */
export function getStored<K extends StorageKey>(key: K): StoredValues[K] | undefined {
  let value: unknown;
  try {
    value = Taro.getStorageSync(storageKey(key));
  } catch {
    return undefined;
  }
  return guards[key](value) ? value : undefined;
}

export function setStored<K extends StorageKey>(key: K, value: StoredValues[K]): void {
  Taro.setStorageSync(storageKey(key), value);
}

export function removeStored(key: StorageKey): void {
  Taro.removeStorageSync(storageKey(key));
}
