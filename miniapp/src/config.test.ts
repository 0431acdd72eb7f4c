import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('appConfig', () => {
  it('takes the API origin from TARO_APP_API_BASE without a trailing slash', async () => {
    vi.stubEnv('TARO_APP_API_BASE', 'https://api.example.cn/');
    const { appConfig } = await import('./config');
    expect(appConfig.apiBase).toBe('https://api.example.cn');
  });

  it('uses the same origin when it is empty (H5 served by the API server)', async () => {
    vi.stubEnv('TARO_APP_API_BASE', '');
    const { appConfig } = await import('./config');
    expect(appConfig.apiBase).toBe('');
  });
});
