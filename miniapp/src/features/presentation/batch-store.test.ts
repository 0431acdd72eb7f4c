import { beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';

const taro = await vi.hoisted(async () => {
  const storage = (await import('../../test/taro-storage-mock')).fakeTaroStorage();
  return { ...storage, getStorageInfoSync: vi.fn(() => ({ keys: [...storage.store.keys()] })) };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { driverFace } from '../../test/presentation-face';
import { heldIntervals } from '../../test/presentation-material';
import { forgetAllBatches, forgetBatch, loadBatch, saveBatch, type StoredBatch } from './batch-store';

const T0 = 1_800_000_000_000;
function batch(certificateId: string, intervals = 13): StoredBatch {
  return {
    certificateId,
    face: { ...driverFace, certificateId },
    windowSeconds: 60,
    fetchedAt: T0,
    qrBaseUrl: 'https://x.example',
    intervals: heldIntervals(T0, intervals, 60, 120),
    refusedReason: null,
  };
}

beforeEach(() => {
  taro.store.clear();
  taro.setStorageSync.mockImplementation((key: string, value: unknown) => void taro.store.set(key, value));
});

describe('offline material on the device', () => {
  it('keeps a day (13 two-hour intervals) in one entry of a few KB and reads it back', () => {
    const day = batch('c1');
    expect(saveBatch(day)).toBe(true);
    expect([...taro.store.keys()]).toEqual(['roadcert:presentation:c1']);
    const { face: _face, ...material } = taro.store.get('roadcert:presentation:c1') as StoredBatch;
    expect(JSON.stringify(material).length).toBeLessThan(4096);
    expect(loadBatch('c1')).toEqual(day);
  });

  it("drops version 1's token chunks when the material replaces them", () => {
    taro.store.set('roadcert:presentation:c1', { v: 1, certificateId: 'c1', chunks: 2 });
    taro.store.set('roadcert:presentation:c1:0', [[1, 2, 'q']]);
    taro.store.set('roadcert:presentation:c1:1', [[1, 2, 'q']]);
    expect(loadBatch('c1')).toBeNull(); // version 1 is not read: the screen fetches
    saveBatch(batch('c1', 2));
    expect([...taro.store.keys()]).toEqual(['roadcert:presentation:c1']);
  });

  it('says so when the device refuses to store it', () => {
    taro.setStorageSync.mockImplementation(() => {
      throw new Error('setStorageSync:fail exceed storage max size');
    });
    expect(saveBatch(batch('c1'))).toBe(false);
    expect(loadBatch('c1')).toBeNull();
  });

  it('reads damaged material as none', () => {
    saveBatch(batch('c1', 2));
    const entry = taro.store.get('roadcert:presentation:c1') as { intervals: unknown[] };
    taro.store.set('roadcert:presentation:c1', { ...entry, intervals: [{ start: 'x' }] });
    expect(loadBatch('c1')).toBeNull();
    taro.store.set('roadcert:presentation:c2', { v: 2, certificateId: 'c3' });
    expect(loadBatch('c2')).toBeNull();
    expect(loadBatch('none')).toBeNull();
  });

  it('remembers a refusal, and forgets one certificate or all of them (sign-out)', () => {
    saveBatch({ ...batch('c1', 2), refusedReason: '证照已吊销' });
    saveBatch(batch('c10', 2));
    expect(loadBatch('c1')?.refusedReason).toBe('证照已吊销');
    forgetBatch('c1');
    expect(loadBatch('c1')).toBeNull();
    expect(loadBatch('c10')).not.toBeNull(); // c1's prefix does not reach c10
    forgetAllBatches();
    expect([...taro.store.keys()]).toEqual([]);
  });
});
