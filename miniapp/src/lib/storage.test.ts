import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => (await import('../test/taro-storage-mock')).fakeTaroStorage());
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
