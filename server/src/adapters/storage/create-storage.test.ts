import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { createObjectStorage } from './index';

const keys = { sessionTokenKey: randomBytes(32) };
const oss = {
  STORAGE_DRIVER: 'oss',
  OSS_REGION: 'cn-hangzhou',
  OSS_BUCKET: 'roadcert-photos',
  OSS_ACCESS_KEY_ID: 'LTAIexample',
  OSS_ACCESS_KEY_SECRET: 'secret',
};

describe('storage and photo configuration', () => {
  it('defaults: local folder under DATA_DIR, 300 s links, 2 images in work', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/rc' });
    expect(config.storage).toEqual({ driver: 'local', dir: '/tmp/rc/files', urlTtlSeconds: 300 });
    expect(config.photos).toEqual({ concurrency: 2 });
    expect(createObjectStorage(config, keys).driver).toBe('local');
  });

  it('oss: chosen from configuration, every credential required, region checked', () => {
    const config = loadConfig({ ...oss, STORAGE_URL_TTL_SECONDS: '120' });
    expect(config.storage).toMatchObject({
      driver: 'oss',
      region: 'cn-hangzhou',
      bucket: 'roadcert-photos',
      urlTtlSeconds: 120,
    });
    expect(createObjectStorage(config, keys).driver).toBe('oss');
    expect(() => loadConfig({ STORAGE_DRIVER: 'oss', OSS_REGION: 'cn-hangzhou' })).toThrow(
      /OSS_BUCKET: required when STORAGE_DRIVER=oss/,
    );
    expect(() => loadConfig({ ...oss, OSS_REGION: 'Hangzhou' })).toThrow(/OSS_REGION/);
  });

  it('bounds: link lifetime 30 s … 1 h, concurrency 1 … 8, no unknown PHOTO_ settings', () => {
    for (const env of [
      { STORAGE_URL_TTL_SECONDS: '10' },
      { STORAGE_URL_TTL_SECONDS: '86400' },
      { PHOTO_CONCURRENCY: '0' },
      { PHOTO_CONCURRENCY: '64' },
      { PHOTO_LIMIT: '3' },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
    }
  });
});
