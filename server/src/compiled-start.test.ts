import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyListSchema, statusListSchema } from '@roadcert/shared';
import { sm2Sm3Suite, statusListSigningInput } from '@roadcert/shared/presentation';
import { adminQuery, freePort } from './test/processes';

/**
 * Production runs compiled JavaScript: `npm run build` (scripts/build.mjs), then
 * `npm run start:prod` (node server/dist/main.js, no tsx). This builds, starts the compiled
 * server on an empty database of its own (PostgreSQL from TEST_DATABASE_URL, else PGlite in a
 * temporary folder), so the compiled migrations runner, the Prisma client, the demo seed and
 * the signing workers all run from dist/, and asks it for its health, its key list and a
 * status list signed on a signing worker.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const templateUrl = process.env.TEST_DATABASE_URL;
const dbName = `roadcert_compiled_${process.pid}`;

let work: string;
let child: ChildProcess;
let output = '';
let baseUrl: string;

const admin = (sql: string) => adminQuery(templateUrl!, sql);

describe('compiled JavaScript (npm run build, npm run start:prod)', () => {
  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    work = await mkdtemp(path.join(os.tmpdir(), 'roadcert-compiled-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: path.join(work, 'data'),
      PORTAL_DIR: path.join(work, 'portal'),
      LOG_LEVEL: 'warn',
      SIGNING_THREADS: '1',
    };
    if (templateUrl) {
      await admin(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin(`CREATE DATABASE ${dbName}`);
      const url = new URL(templateUrl);
      url.pathname = `/${dbName}`;
      env.DATABASE_URL = url.toString();
    }
    // Plain node: no --import tsx, no NODE_OPTIONS from the test runner.
    child = spawn(process.execPath, ['server/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    baseUrl = `http://127.0.0.1:${env.PORT}`;
    const end = Date.now() + 170_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`compiled server exited ${child.exitCode}:\n${output.slice(-4000)}`);
      if (Date.now() > end) throw new Error(`compiled server not ready:\n${output.slice(-4000)}`);
      const ready = await fetch(`${baseUrl}/readyz`).catch(() => null);
      if (ready?.ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (templateUrl) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (work) await rm(work, { recursive: true, force: true });
  }, 60_000);

  it('answers its health and readiness checks: migrations applied, database reachable', async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = (await (await fetch(`${baseUrl}/readyz`)).json()) as { status: string; database: string };
    expect(ready.status).toBe('ready');
    expect(ready.database).toBe(templateUrl ? 'postgres' : 'pglite (embedded)');
  });

  it('serves the key list (Prisma) and a status list signed on a signing worker that verifies against it', async () => {
    const keys = keyListSchema.parse(await (await fetch(`${baseUrl}/.well-known/roadcert/keys.json`)).json());
    const list = statusListSchema.parse(await (await fetch(`${baseUrl}/api/v1/status-list`)).json());
    expect(list.alg).toBe('SM2-SM3');
    const key = keys.keys.find((k) => k.kid === list.kid)!;
    const { signature, ...unsigned } = list;
    const verified = sm2Sm3Suite.verify(
      Buffer.from(signature, 'hex'),
      statusListSigningInput(unsigned),
      Buffer.from(key.publicKey, 'hex'),
    );
    expect(verified).toBe(true);
  });
});
