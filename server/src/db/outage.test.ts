import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../generated/prisma/client';
import { signInAccount, startTestApp, type TestApp } from '../test/app';
import { classifyDatabaseError } from './errors';
import { createOutageReporter } from './outage';

/**
 * Issue 12: while PostgreSQL was stopped every request answered 500 INTERNAL and logged a stack
 * trace (10,849 in 10 s). Now: 503 DATABASE_UNAVAILABLE with Retry-After, one log line per
 * interval, /readyz 503, and recovery on its own once the database takes connections again.
 */

/** The shapes captured from a pool whose backends were terminated and then refused (see errors.ts). */
const pgFatal = {
  name: 'error',
  code: '55000',
  severity: 'FATAL',
  message: 'database "x" is not currently accepting connections',
};
const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error(String(cause.originalMessage ?? cause.kind)), { name: 'DriverAdapterError', cause });
const known = (code: string, meta: Record<string, unknown> = {}) =>
  new Prisma.PrismaClientKnownRequestError('Invalid `prisma.x()` invocation', { code, clientVersion: '6', meta });

describe('classifyDatabaseError: unavailable', () => {
  it.each([
    [
      'pg: refused TCP connect',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
        errno: -111,
        syscall: 'connect',
      }),
    ],
    ['pg: reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['pg: FATAL refusal (ALLOW_CONNECTIONS false)', pgFatal],
    [
      'pg: backend terminated (57P01)',
      { code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' },
    ],
    ['pg: starting up (57P03)', { code: '57P03', severity: 'FATAL', message: 'the database system is starting up' }],
    ['pg: connection exception class 08', { code: '08006', severity: 'ERROR', message: 'connection failure' }],
    ['pg: socket ended', new Error('Connection terminated unexpectedly')],
    ['pg: pool connect timeout', new Error('timeout exceeded when trying to connect')],
    [
      'Prisma model query: DriverAdapterError (postgres kind)',
      adapterError({
        originalCode: '57P01',
        kind: 'postgres',
        code: '57P01',
        severity: 'FATAL',
        message: 'terminating connection due to administrator command',
      }),
    ],
    [
      'Prisma: DriverAdapterError DatabaseNotReachable',
      adapterError({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
    ],
    ['Prisma: DriverAdapterError ConnectionClosed', adapterError({ kind: 'ConnectionClosed' })],
    [
      'Prisma raw query P2010 wrapping 55000 FATAL',
      known('P2010', {
        driverAdapterError: adapterError({ originalCode: '55000', kind: 'postgres', severity: 'FATAL' }),
      }),
    ],
    ['Prisma P1001 (cannot reach)', known('P1001')],
    ['Prisma P1017 (server closed the connection)', known('P1017')],
    ['Prisma P2024 (pool timeout)', known('P2024')],
    ['Prisma P2028 (transaction closed under a restart)', known('P2028')],
  ])('%s', (_label, err) => {
    expect(classifyDatabaseError(err)).toBe('unavailable');
  });

  it('leaves statement errors alone', () => {
    expect(classifyDatabaseError(known('P2002'))).toBe('unique-violation');
    expect(classifyDatabaseError(known('P2025'))).toBe('not-found');
    expect(
      classifyDatabaseError(adapterError({ originalCode: '22P02', kind: 'postgres', severity: 'ERROR' })),
    ).toBeNull();
    expect(
      classifyDatabaseError(
        known('P2010', {
          driverAdapterError: adapterError({ originalCode: '42601', kind: 'postgres', severity: 'ERROR' }),
        }),
      ),
    ).toBeNull();
    expect(classifyDatabaseError(new Error('boom'))).toBeNull();
    expect(classifyDatabaseError(undefined)).toBeNull();
  });
});

describe('createOutageReporter', () => {
  it('logs the first failure, then at most once per interval with a count, then the recovery', () => {
    let now = 1_000_000;
    const lines: { level: string; obj: Record<string, unknown> }[] = [];
    const log = {
      error: (obj: Record<string, unknown>) => void lines.push({ level: 'error', obj }),
      info: (obj: Record<string, unknown>) => void lines.push({ level: 'info', obj }),
    } as unknown as Parameters<ReturnType<typeof createOutageReporter>['unavailable']>[0];
    const outage = createOutageReporter({ intervalMs: 10_000, now: () => now });
    for (let i = 0; i < 1000; i++) {
      outage.unavailable(log, pgFatal);
      now += 5; // 1000 failures in 5 s
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj.reason).toEqual({ name: 'error', code: '55000', message: pgFatal.message });
    now += 6_000;
    outage.unavailable(log, pgFatal);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.obj).toMatchObject({ suppressed: 999, outageSeconds: 11 });
    outage.reachable(log);
    outage.reachable(log);
    expect(lines.map((l) => l.level)).toEqual(['error', 'error', 'info']);
  });
});

/** The test's own cloned database made unreachable: connections cut, new ones refused. */
describe.skipIf(!process.env.TEST_DATABASE_URL)('a running app whose database becomes unreachable', () => {
  let t: TestApp;
  let admin: pg.Client;
  let databaseName: string;
  const lines: Record<string, unknown>[] = [];
  const setAllowConnections = (allow: boolean) =>
    admin.query(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS ${allow}`);

  beforeAll(async () => {
    t = await startTestApp({
      logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }),
    });
    const [row] = await t.prisma.$queryRaw<{ name: string }[]>`SELECT current_database()::text AS name`;
    databaseName = row!.name;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/postgres';
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
  });
  afterAll(async () => {
    if (admin) {
      await setAllowConnections(true).catch(() => undefined);
      await admin.end();
    }
    await t?.close();
  });

  it('survives its connections being cut while one is checked out between statements', async () => {
    // A checked-out client has no pool listener: unguarded, the FATAL 57P01 is an unhandled
    // 'error' event and the process dies (it did under bench/load-restart.ts).
    const client = await (t.deps.sql as pg.Pool).connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [databaseName]);
    await new Promise((r) => setTimeout(r, 300));
    client.release(true);
    expect((await t.api('/readyz')).status).toBe(200);
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, logs once, and recovers by itself', async () => {
    const { token } = await signInAccount(t, { holderKey: 'driver-electronic' });
    expect((await t.api('/api/v1/me/certificates', { token })).status).toBe(200);

    await setAllowConnections(false);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [databaseName]);
    lines.length = 0;

    const during = await Promise.all(Array.from({ length: 40 }, () => t.api('/api/v1/me/certificates', { token })));
    for (const res of during) {
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: '数据服务暂时不可用，请稍后再试' });
      expect(res.headers.get('retry-after')).toBe('5');
    }
    const ready = await t.api('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json.status).toBe('database-unreachable');
    const outageLines = lines.filter((l) => String(l.msg).startsWith('database unavailable'));
    expect(outageLines).toHaveLength(1);
    expect(JSON.stringify(outageLines[0])).not.toContain('stack');
    expect(lines.filter((l) => l.msg === 'unhandled error')).toHaveLength(0);

    await setAllowConnections(true);
    const recovered = await t.api('/api/v1/me/certificates', { token });
    expect(recovered.status).toBe(200);
    expect((await t.api('/readyz')).status).toBe(200);
    expect(lines.some((l) => l.msg === 'database reachable again after an outage')).toBe(true);
  });
});
