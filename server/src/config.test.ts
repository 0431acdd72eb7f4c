import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { productionEnv } from './test/production-env';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('loadConfig', () => {
  it('defaults to the embedded stand-ins: PGlite, local files, console SMS, demo data', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('embedded');
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.storage.driver).toBe('local');
    expect(c.sms.provider).toBe('console');
    expect(c.seedDemoData).toBe(true);
  });

  it('accepts a complete production configuration with the stand-ins off', () => {
    const c = loadConfig(productionEnv);
    expect(c.database).toMatchObject({ kind: 'postgres' });
    expect(c.seedDemoData).toBe(false);
  });

  it('names every missing production variable', () => {
    const problems = problemsOf({ ROADCERT_MODE: 'production' });
    for (const name of [
      'DATABASE_URL',
      'PUBLIC_BASE_URL',
      'FIELD_ENCRYPTION_KEY',
      'SIGNING_KEY_FILE',
      'SMS_PROVIDER',
    ]) {
      expect(
        problems.some((p) => p.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    }
  });

  it('refuses stand-ins in production', () => {
    expect(problemsOf({ ...productionEnv, SEED_DEMO_DATA: 'true' })).toEqual([
      expect.stringMatching(/^SEED_DEMO_DATA:/),
    ]);
    expect(problemsOf({ ...productionEnv, SMS_PROVIDER: 'console' })).toEqual([
      expect.stringMatching(/^SMS_PROVIDER:/),
    ]);
  });

  it('names invalid values and typos in our variables', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT:/)]);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([expect.stringMatching(/^DATABASE_URL:/)]);
    expect(problemsOf({ STORAGE_DRIVR: 'oss' })).toEqual([expect.stringMatching(/^STORAGE_DRIVR: unknown setting/)]);
    expect(problemsOf({ FIELD_ENCRYPTION_KEY: 'c2hvcnQ=' })).toEqual([
      expect.stringMatching(/^FIELD_ENCRYPTION_KEY: must be 32 bytes/),
    ]);
  });

  it('refuses inconsistent settings', () => {
    expect(problemsOf({ STORAGE_DRIVER: 'oss', OSS_REGION: 'oss-cn-guangzhou' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^OSS_BUCKET:/), expect.stringMatching(/^OSS_ACCESS_KEY_ID:/)]),
    );
    expect(problemsOf({ WECHAT_APP_ID: 'wx0123456789abcdef' })).toEqual([expect.stringMatching(/^WECHAT_APP_SECRET:/)]);
  });

  it('reports a leftover DEMO_LOGIN (the demo sign-in is gone) in every mode, and anything else under DEMO_', () => {
    for (const value of ['true', 'false']) {
      expect(problemsOf({ DEMO_LOGIN: value })).toEqual([
        expect.stringMatching(/^DEMO_LOGIN: the demo sign-in was removed; sign in with phone \+ SMS code/),
      ]);
      expect(problemsOf({ ...productionEnv, DEMO_LOGIN: value })).toEqual([
        expect.stringMatching(/^DEMO_LOGIN: the demo sign-in was removed/),
      ]);
    }
    expect(problemsOf({ DEMO_HOLDER: 'driver-paper' })).toEqual([
      expect.stringMatching(/^DEMO_HOLDER: unknown setting/),
    ]);
  });

  it('ignores variables that are not ours', () => {
    expect(problemsOf({ PATH: '/usr/bin', HOME: '/root', NODE_OPTIONS: '' })).toEqual([]);
  });

  it('face verification: the local stand-in by default, WeChat in production, never the stand-in there', () => {
    expect(loadConfig({}).face).toEqual({ provider: 'local', windowMinutes: 10 });
    expect(loadConfig(productionEnv).face).toEqual({ provider: 'wechat', windowMinutes: 10 });
    expect(loadConfig({ FACE_VERIFICATION_WINDOW_MINUTES: '30' }).face.windowMinutes).toBe(30);
    expect(problemsOf({ ...productionEnv, FACE_PROVIDER: 'local' })).toEqual([
      expect.stringMatching(/^FACE_PROVIDER:/),
    ]);
    const { WECHAT_APP_ID: _id, WECHAT_APP_SECRET: _secret, ...noWechat } = productionEnv;
    expect(problemsOf(noWechat)).toEqual([expect.stringMatching(/^WECHAT_APP_ID: required when FACE_PROVIDER=wechat/)]);
    expect(problemsOf({ FACE_PROVIDER: 'wechat' })).toEqual([expect.stringMatching(/^WECHAT_APP_ID:/)]);
    expect(problemsOf({ FACE_VERIFICATION_WINDOW_MINUTES: '0' })).toEqual([
      expect.stringMatching(/^FACE_VERIFICATION_WINDOW_MINUTES:/),
    ]);
    expect(problemsOf({ FACE_PROVIDR: 'local' })).toEqual([expect.stringMatching(/^FACE_PROVIDR: unknown setting/)]);
  });
});
