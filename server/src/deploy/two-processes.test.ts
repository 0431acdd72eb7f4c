import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresentationBatch } from '@roadcert/shared';
import { heldQrAt } from '@roadcert/shared/presentation';
import { openDatabase, type Database } from '../db/database';
import { createFieldCrypto } from '../lib/field-crypto';
import { generateStoredKeys, keyMaterialFrom } from '../lib/key-material';
import { createSessionTokens } from '../modules/account';
import { signInAccount, staffSessionToken, type TestApp } from '../test/app';
import { adminQuery, freePort } from '../test/processes';

/**
 * Production's shape on loopback: two real server processes (`node server/src/main.ts`) on one
 * PostgreSQL database, behind a real nginx running deploy/nginx/roadcert.conf. What one
 * process changes, the other knows within a second (LISTEN/NOTIFY); limits are counted once
 * for both (PostgreSQL); the per-IP limit counts the client nginx forwards, not nginx.
 * Needs PostgreSQL (TEST_DATABASE_URL) and nginx (`.ci/run` installs Debian's nginx-light).
 */
const templateUrl = process.env.TEST_DATABASE_URL;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? 'nginx';
const VERIFY_PER_IP = 5;

let work: string;
let dbName: string;
let database: Database;
const processes: ChildProcess[] = [];
let app1: string;
let app2: string;
let proxy: { host: string; port: number };
/** Enough of a TestApp for the session helpers of test/app.ts (sessions written with the processes' keys). */
let direct: TestApp;

async function waitFor(url: string, child: ChildProcess, log: () => string, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${url} exited ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} not ready after ${ms} ms:\n${log()}`);
}

/** One server process on `port`, sharing the database, the data folder and its keys. */
function startServer(port: number, env: Record<string, string>) {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl(),
      DATABASE_POOL_MAX: '4',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: path.join(work, 'data'),
      PORTAL_DIR: path.join(work, 'portal'),
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE: String(VERIFY_PER_IP),
      // A state cache far longer than the test: only the NOTIFY can make process 2 see a change within 1 s.
      PRESENTATION_STATE_CACHE_MS: '60000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  processes.push(child);
  return { child, log: () => output.slice(-4000) };
}

function databaseUrl() {
  const url = new URL(templateUrl!);
  url.pathname = `/${dbName}`;
  return url.toString();
}

const admin = (sql: string) => adminQuery(templateUrl!, sql);

/** nginx with the repository's site file: only the upstream servers, the listen port and the portal root replaced. */
async function startNginx(appPorts: number[]) {
  const port = await freePort();
  const site = (await readFile(path.join(root, 'deploy/nginx/roadcert.conf'), 'utf8'))
    .replace(
      /^(\s*)server 127\.0\.0\.1:\d+ (.*);\n(\s*server 127\.0\.0\.1:\d+ .*;\n)*/m,
      (_m, indent: string, rest: string) => appPorts.map((p) => `${indent}server 127.0.0.1:${p} ${rest};\n`).join(''),
    )
    .replace(/^\s*listen 80;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/roadcert\/portal;/, `root ${path.join(work, 'portal')};`);
  expect(site).toContain(`server 127.0.0.1:${appPorts[1]}`);
  const temp = path.join(work, 'nginx');
  await mkdir(temp, { recursive: true });
  await writeFile(path.join(temp, 'roadcert.conf'), site);
  await writeFile(
    path.join(temp, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${temp}/nginx.pid;
error_log ${temp}/error.log warn;
daemon off;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${temp}/roadcert.conf;
}
`,
  );
  const check = spawnSync(
    NGINX,
    ['-t', '-p', temp, '-c', path.join(temp, 'nginx.conf'), '-e', path.join(temp, 'error.log')],
    {
      encoding: 'utf8',
    },
  );
  expect(check.status, check.stderr).toBe(0);
  let output = '';
  const child = spawn(NGINX, ['-p', temp, '-c', path.join(temp, 'nginx.conf'), '-e', path.join(temp, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  processes.push(child);
  await waitFor(`http://127.0.0.1:${port}/healthz`, child, () => output);
  return { host: '127.0.0.1', port };
}

/** POST JSON to nginx from a chosen loopback address (127.0.0.2 …), so the client is not nginx's 127.0.0.1. */
function postFrom(localAddress: string, route: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const data = JSON.stringify(body);
      const req = request(
        {
          host: proxy.host,
          port: proxy.port,
          localAddress,
          method: 'POST',
          path: route,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text), headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(data);
    },
  );
}

const post = async (base: string, route: string, body: unknown, token?: string) => {
  const res = await fetch(base + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  if (!templateUrl) return;
  work = await mkdtemp(path.join(os.tmpdir(), 'roadcert-2p-'));
  await mkdir(path.join(work, 'data'), { recursive: true });
  await mkdir(path.join(work, 'portal'), { recursive: true });
  await writeFile(path.join(work, 'portal', 'hello.txt'), 'static from nginx');
  // The processes share their keys, as production's share configured ones.
  const stored = generateStoredKeys();
  await writeFile(path.join(work, 'data', 'keys.json'), JSON.stringify(stored), { mode: 0o600 });
  dbName = `${new URL(templateUrl).pathname.slice(1)}_2p_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${dbName}" TEMPLATE "${new URL(templateUrl).pathname.slice(1)}"`);

  const [p1, p2] = [await freePort(), await freePort()];
  app1 = `http://127.0.0.1:${p1}`;
  app2 = `http://127.0.0.1:${p2}`;
  // Process 1 seeds the demo data; process 2 starts beside it as a plain app process.
  const one = startServer(p1, { SEED_DEMO_DATA: 'true' });
  const two = startServer(p2, { SEED_DEMO_DATA: 'false', AGGREGATION_WORKER: 'off' });
  await Promise.all([waitFor(`${app1}/readyz`, one.child, one.log), waitFor(`${app2}/readyz`, two.child, two.log)]);
  proxy = await startNginx([p1, p2]);

  database = await openDatabase({ kind: 'postgres', url: databaseUrl(), poolMax: 2 });
  const keys = keyMaterialFrom(stored);
  direct = {
    prisma: database.prisma,
    deps: {
      fieldCrypto: createFieldCrypto({
        encryptionKey: keys.encryptionKey,
        blindIndexKey: keys.blindIndexKey,
        fieldKeys: keys.fieldKeys,
        blindIndexKeys: keys.blindIndexKeys,
      }),
      sessionTokens: createSessionTokens(keys.sessionTokenKey, keys.sessionTokenPreviousKeys),
    },
  } as unknown as TestApp;
}, 180_000);

afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await Promise.all(processes.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await database?.close();
  if (dbName) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  if (work) await rm(work, { recursive: true, force: true });
}, 30_000);

describe.runIf(templateUrl)('two server processes on one PostgreSQL behind nginx', () => {
  it('a suspension through process 1 makes the token NOT_VALID through process 2 within 1 s', async () => {
    const holder = await signInAccount(direct, { holderKey: 'driver-electronic' });
    const cert = await database.prisma.certificate.findFirstOrThrow({
      where: {
        holderId: (await database.prisma.account.findUniqueOrThrow({ where: { id: holder.accountId } })).holderId!,
        carrier: 'ELECTRONIC',
        activatedAt: { not: null },
      },
      orderBy: { createdAt: 'asc' },
    });
    const batch = await fetch(`${app1}/api/v1/me/certificates/${cert.id}/presentation`, {
      headers: { authorization: `Bearer ${holder.token}` },
    });
    expect(batch.status).toBe(200);
    const qrText = heldQrAt((await batch.json()) as PresentationBatch, Date.now())!.qrText;
    // Process 2 has verified it, so its state cache holds the certificate as VALID (60 s here).
    expect((await post(app2, '/api/v1/verify', { token: qrText })).json.verdict).toBe('VALID');

    const reviewer = await staffSessionToken(direct, 'reviewer');
    const changed = await post(
      app1,
      `/api/v1/staff/certificates/${cert.id}/status`,
      { status: 'SUSPENDED', reason: '两进程测试' },
      reviewer,
    );
    expect(changed.status).toBe(200);
    const started = Date.now();
    let verdict = '';
    while (Date.now() - started < 3_000) {
      verdict = (await post(app2, '/api/v1/verify', { token: qrText })).json.verdict as string;
      if (verdict !== 'VALID') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = Date.now() - started;
    expect(verdict).toBe('NOT_VALID');
    expect(elapsed).toBeLessThan(1_000);
  });

  it('the SMS sign-in limit holds across both processes', async () => {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    expect((await post(app1, '/api/v1/auth/sms-codes', { phone })).status).toBe(200);
    const second = await post(app2, '/api/v1/auth/sms-codes', { phone });
    expect(second.status).toBe(429);
    expect(second.json.code).toBe('SMS_RATE_LIMITED');
  });

  it('nginx serves the portal files and forwards the client address: the per-IP verify limit counts the client, once for both processes', async () => {
    expect(await (await fetch(`http://${proxy.host}:${proxy.port}/hello.txt`)).text()).toBe('static from nginx');
    const body = { token: 'not-a-token' };
    // The verify limit is batched (each process sends its counts every 200 ms and decides from the
    // shared count it last read): paced past one flush, the two processes admit the limit, plus at
    // most one per other process; two separate limits would admit twice the limit.
    const statuses: number[] = [];
    for (let i = 0; i < 2 * VERIFY_PER_IP; i++) {
      statuses.push((await postFrom('127.0.0.2', '/api/v1/verify', body)).status);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(statuses.slice(0, VERIFY_PER_IP)).toEqual(Array(VERIFY_PER_IP).fill(200));
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(VERIFY_PER_IP + 1);
    const refused = await postFrom('127.0.0.2', '/api/v1/verify', body);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    // A made-up X-Forwarded-For does not make another client of it (nginx appends the real one).
    expect((await postFrom('127.0.0.2', '/api/v1/verify', body, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(
      429,
    );
    // Another client behind the same nginx is not limited: the limit is not nginx's address.
    expect((await postFrom('127.0.0.3', '/api/v1/verify', body)).status).toBe(200);
  });
});
