import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../app';
import { createContainer } from '../container';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { createLogger, type Logger } from '../lib/logger';
import { generateStoredKeys, keyMaterialFrom } from '../lib/key-material';
import { chinaToday } from '@roadcert/shared';
import { seedDemoDataOnce } from '../seed/seed';
import type { WechatClient } from '../adapters/wechat';
import { uuidv7 } from '../lib/uuidv7';
import type { ObjectStorage } from '../adapters/storage';
import type { ImagePipeline } from '../adapters/image';

/**
 * Starts the real app in-process on a random port against a database of its own:
 * a clone of the migrated TEST_DATABASE_URL (PostgreSQL) or a fresh PGlite folder.
 * Demo data is seeded. Call `close()` in afterAll. `wechat` replaces the WeChat client
 * (e.g. one pointed at a local stand-in); by default it follows the configuration.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    wechat?: WechatClient | null;
    storage?: ObjectStorage;
    images?: ImagePipeline;
    logger?: Logger;
  } = {},
) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-test-'));
  const { database, dropDatabase } = await openTestDatabase(dataDir);
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORTAL_DIR: path.join(dataDir, 'no-portal'),
    // Tests stand in for one reverse proxy: clients' IPs arrive in X-Forwarded-For.
    TRUST_PROXY: 'true',
    // Every test client (and the benches' load) comes from 127.0.0.1: the verify endpoint's
    // per-IP limit is off unless a test sets it (verify-limit.test.ts, the two-process test).
    RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE: '0',
    ...options.env,
  });
  const keys = keyMaterialFrom(generateStoredKeys());
  const logger = options.logger ?? createLogger('silent');
  const deps = createContainer({
    config,
    logger,
    database,
    keys,
    wechat: options.wechat,
    storage: options.storage,
    images: options.images,
  });
  if (options.seed !== false && (await seedDemoDataOnce(database.prisma, deps.fieldCrypto, new Date(), keys))) {
    // As main.ts does on a first start: the demo stock checked once (its tasks opened).
    const run = await deps.compliance.batch.start(null);
    await deps.compliance.batch.execute(run.id, chinaToday());
  }
  const { listener, openapi, beginShutdown, usageLog } = createApp(deps);
  const server = createServer(listener).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    deps,
    prisma: database.prisma,
    openapi,
    beginShutdown,
    /** The app's 用证记录 writer: `await t.usageLog.flush()` before reading VerificationEvent rows. */
    usageLog,
    /** fetch against the app, JSON in and out. */
    api: async (
      route: string,
      init: {
        method?: string;
        token?: string;
        body?: unknown;
        rawBody?: string;
        headers?: Record<string, string>;
      } = {},
    ) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(baseUrl + route, {
        method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
        headers,
        body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        text,
        json: text
          ? (JSON.parse(
              text,
            ) as any) /* eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are read loosely */
          : undefined,
      };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await usageLog.close();
      await database.close();
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Test shortcut: an account (optionally bound to a seeded demo holder) with a live
 * session, and its access token — without going through SMS sign-in.
 */
export async function signInAccount(t: TestApp, options: { phone?: string; holderKey?: string } = {}) {
  const { demoHolders } = await import('../seed/demo-holders');
  const phone = options.phone ?? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const sealed = t.deps.fieldCrypto.sealPhone(phone);
  let holderId: string | null = null;
  if (options.holderKey) {
    const demo = demoHolders.find((h) => h.key === options.holderKey);
    if (!demo) throw new Error(`no demo holder ${options.holderKey}`);
    const holder = await t.prisma.holder.findFirstOrThrow({
      where:
        demo.kind === 'PERSON'
          ? { idNumberHash: t.deps.fieldCrypto.blindIndex(demo.identityCode, 'id-number') }
          : { creditCode: demo.identityCode },
    });
    holderId = holder.id;
  }
  const account = await t.prisma.account.upsert({
    where: { phoneHash: sealed.hash },
    create: {
      phoneEnc: sealed.enc,
      phoneHash: sealed.hash,
      phoneMasked: sealed.masked,
      holderId,
      realNameBoundAt: holderId ? new Date() : null,
    },
    update: {},
  });
  const expiresAt = new Date(Date.now() + 3600_000);
  const id = uuidv7();
  const refresh = t.deps.sessionTokens.issueRefresh(id);
  const session = await t.prisma.session.create({
    data: { id, accountId: account.id, refreshTokenHash: refresh.hash, platform: 'h5', expiresAt },
  });
  return {
    accountId: account.id,
    sessionId: session.id,
    phone,
    token: t.deps.sessionTokens.issue(session.id, expiresAt),
    refreshToken: refresh.token,
  };
}

async function openTestDatabase(dataDir: string): Promise<{ database: Database; dropDatabase: () => Promise<void> }> {
  const templateUrl = process.env.TEST_DATABASE_URL;
  if (!templateUrl) {
    const database = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
    return { database, dropDatabase: async () => undefined };
  }
  const template = new URL(templateUrl);
  const templateName = template.pathname.slice(1);
  const name = `${templateName}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(templateUrl);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
  await adminClient.end();
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 5 });
  return {
    database,
    dropDatabase: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      // The pool's own connections may still be saying goodbye: wait for them (≤ 3 s) rather
      // than have FORCE cut one mid-close, which surfaces as an uncaught 57P01 in the test run.
      for (let i = 0; i < 60; i++) {
        const { rows } = await c.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Test shortcut: a live staff session for a seeded staff user (reviewer 440100, steward 440000), created directly. */
export async function staffSessionToken(t: TestApp, username: string) {
  const staff = await t.prisma.staffUser.findUniqueOrThrow({ where: { username } });
  const id = uuidv7();
  const expiresAt = new Date(Date.now() + 3600_000);
  await t.prisma.session.create({
    data: {
      id,
      staffUserId: staff.id,
      refreshTokenHash: t.deps.sessionTokens.issueRefresh(id).hash,
      platform: 'h5',
      expiresAt,
    },
  });
  return t.deps.sessionTokens.issue(id, expiresAt);
}

/** One account per seeded person and test app (a person binds to one account only): signed in once, then reused. */
const demoAccounts = new WeakMap<TestApp, Map<string, Awaited<ReturnType<typeof signInAccount>>>>();
export async function signInDemoHolder(t: TestApp, holderKey: string) {
  let accounts = demoAccounts.get(t);
  if (!accounts) demoAccounts.set(t, (accounts = new Map()));
  if (!accounts.has(holderKey)) accounts.set(holderKey, await signInAccount(t, { holderKey }));
  return accounts.get(holderKey)!;
}
