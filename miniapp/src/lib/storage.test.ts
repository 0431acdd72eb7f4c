import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => {
  const store = new Map<string, unknown>();
  return {
    store,
    getStorageSync: vi.fn((key: string) => (store.has(key) ? store.get(key) : '')),
    setStorageSync: vi.fn((key: string, value: unknown) => void store.set(key, value)),
    removeStorageSync: vi.fn((key: string) => void store.delete(key)),
  };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { getStored, removeStored, setStored } from './storage';

beforeEach(() => taro.store.clear());

describe('storage', () => {
  it('stores under a namespaced key and reads the value back typed', () => {
    setStored('elderMode', true);
    expect(taro.store.get('roadcert:elderMode')).toBe(true);
    expect(getStored('elderMode')).toBe(true);
  });

  it('treats a missing value (Taro returns "") as absent', () => {
    expect(getStored('accessToken')).toBeUndefined();
    expect(getStored('elderMode')).toBeUndefined();
  });

  it('ignores a stored value of the wrong type', () => {
    taro.store.set('roadcert:elderMode', 'yes');
    taro.store.set('roadcert:accessToken', 42);
    expect(getStored('elderMode')).toBeUndefined();
    expect(getStored('accessToken')).toBeUndefined();
  });

  it('removes a value', () => {
    setStored('accessToken', 'tok');
    removeStored('accessToken');
    expect(getStored('accessToken')).toBeUndefined();
  });
});
