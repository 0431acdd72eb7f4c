import { beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';

const taro = await vi.hoisted(async () => {
  const storage = (await import('../../test/taro-storage-mock')).fakeTaroStorage();
  return { ...storage, getStorageInfoSync: vi.fn(() => ({ keys: [...storage.store.keys()] })) };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { driverFace } from '../../test/presentation-face';
import { forgetAllBatches, forgetBatch, loadBatch, saveBatch, TOKENS_PER_CHUNK, type StoredBatch } from './batch-store';

const T0 = 1_800_000_000_000;
function batch(certificateId: string, count: number): StoredBatch {
  const tokens = Array.from({ length: count }, (_, i) => ({
    qrText: `https://x/v/${i}`,
    notBefore: T0 + i * 30_000,
    notAfter: T0 + (i + 1) * 30_000,
  }));
  return {
    certificateId,
    face: { ...driverFace, certificateId },
    windowSeconds: 30,
    fetchedAt: T0,
    tokens,
    refusedReason: null,
  };
}

beforeEach(() => {
  taro.store.clear();
  taro.setStorageSync.mockImplementation((key: string, value: unknown) => void taro.store.set(key, value));
});

describe('offline batch on the device', () => {
  it('keeps a day of tokens in chunks and reads them back in order', () => {
    const day = batch('c1', 2880);
    expect(saveBatch(day)).toBe(2880);
    expect([...taro.store.keys()].filter((k) => k.startsWith('roadcert:presentation:c1:'))).toHaveLength(
      Math.ceil(2880 / TOKENS_PER_CHUNK),
    );
    expect(loadBatch('c1')).toEqual(day);
  });

  it('drops the chunks of a longer earlier batch when a shorter one replaces it', () => {
    saveBatch(batch('c1', 1000));
    saveBatch(batch('c1', 10));
    expect(loadBatch('c1')?.tokens).toHaveLength(10);
    expect([...taro.store.keys()].filter((k) => k.startsWith('roadcert:presentation:c1:'))).toHaveLength(1);
  });

  it('keeps the earliest tokens that fit when the device is short of space', () => {
    // Room for three chunks of this certificate's tokens, no more.
    const chunkKeys = () => [...taro.store.keys()].filter((k) => k.startsWith('roadcert:presentation:c1:'));
    taro.setStorageSync.mockImplementation((key: string, value: unknown) => {
      if (key.startsWith('roadcert:presentation:c1:') && !taro.store.has(key) && chunkKeys().length >= 3)
        throw new Error('setStorageSync:fail exceed storage max size');
      taro.store.set(key, value);
    });
    const kept = saveBatch(batch('c1', 1000));
    expect(kept).toBe(500);
    const loaded = loadBatch('c1');
    expect(loaded?.tokens[0]?.qrText).toBe('https://x/v/0');
    expect(loaded?.tokens).toHaveLength(500);
  });

  it('reads a damaged or half-written batch as none', () => {
    saveBatch(batch('c1', 300));
    taro.store.delete('roadcert:presentation:c1:1');
    expect(loadBatch('c1')).toBeNull();
    taro.store.set('roadcert:presentation:c2', { v: 1, certificateId: 'c2', chunks: 0 });
    expect(loadBatch('c2')).toBeNull();
    expect(loadBatch('none')).toBeNull();
  });

  it('remembers a refusal, and forgets one certificate or all of them (sign-out)', () => {
    saveBatch({ ...batch('c1', 5), refusedReason: '证照已吊销' });
    saveBatch(batch('c10', 5));
    expect(loadBatch('c1')?.refusedReason).toBe('证照已吊销');
    forgetBatch('c1');
    expect(loadBatch('c1')).toBeNull();
    expect(loadBatch('c10')).not.toBeNull(); // c1's prefix does not reach c10
    forgetAllBatches();
    expect([...taro.store.keys()]).toEqual([]);
  });
});
