import { vi } from 'vitest';

/**
 * The in-memory Taro storage API that tests mock `@tarojs/taro` with (lib/storage, tokens,
 * request…). Use it from `vi.hoisted` and add the other Taro functions a test needs:
 *
 *   const taro = await vi.hoisted(async () => ({ ...(await import('../test/taro-storage-mock')).fakeTaroStorage(), request: vi.fn() }));
 *   vi.mock('@tarojs/taro', () => ({ default: taro }));
 */
export function fakeTaroStorage() {
  const store = new Map<string, unknown>();
  return {
    store,
    getStorageSync: vi.fn((key: string) => (store.has(key) ? store.get(key) : '')),
    setStorageSync: vi.fn((key: string, value: unknown) => void store.set(key, value)),
    removeStorageSync: vi.fn((key: string) => void store.delete(key)),
  };
}
