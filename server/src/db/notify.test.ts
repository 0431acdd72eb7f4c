import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import { listenOnPostgres, parseChange, type CacheChange, type ChangeFeed } from './notify';

let app: TestApp;
/** Another process's view: a feed of its own on PostgreSQL, the app's own feed on the embedded PGlite. */
let other: ChangeFeed;
const heard: CacheChange[] = [];
const onPostgres = process.env.TEST_DATABASE_URL !== undefined;

async function until(check: () => boolean, ms = 2_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  other = onPostgres
    ? listenOnPostgres((app.deps.sql as pg.Pool).options.connectionString!)
    : (app.deps.changes as ChangeFeed);
  other.subscribe((change) => heard.push(change));
  await until(() => other.live(), 5_000);
}, 120_000);
afterAll(async () => {
  if (onPostgres) await other?.close();
  await app?.close();
});

describe('cache change notifications (LISTEN/NOTIFY from triggers)', () => {
  it('a status change says s:<id>, an epoch bump c:<id>, a key k; an unrelated update, the expiry sweep or a rollback says nothing', async () => {
    const cert = await app.prisma.certificate.findFirstOrThrow({ where: { status: 'VALID' }, select: { id: true } });
    heard.length = 0;
    const started = Date.now();
    await app.prisma.certificate.update({ where: { id: cert.id }, data: { status: 'SUSPENDED' } });
    await until(() => heard.length > 0);
    // Well within the 1 s the issue allows between processes.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(heard).toEqual([{ kind: 'certificate', certificateId: cert.id, statusList: true }]);

    heard.length = 0;
    await app.prisma.certificate.update({ where: { id: cert.id }, data: { presentationEpoch: { increment: 1 } } });
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ kind: 'certificate', certificateId: cert.id, statusList: false }]);

    heard.length = 0;
    await app.prisma.certificate.update({ where: { id: cert.id }, data: { updatedAt: new Date() } });
    // The expiry sweep (VALID → EXPIRED): every reader derives it from the dates already.
    const due = await app.prisma.certificate.findFirstOrThrow({ where: { status: 'VALID' }, select: { id: true } });
    await app.prisma.certificate.update({ where: { id: due.id }, data: { status: 'EXPIRED' } });
    await app.prisma
      .$transaction(async (tx) => {
        await tx.certificate.update({ where: { id: cert.id }, data: { status: 'REVOKED' } });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await app.prisma.signingKey.updateMany({ where: { kid: 'none' }, data: { retiredAt: new Date() } });
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ kind: 'signing-keys' }]);
  });

  it('reads only its own payloads', () => {
    expect(parseChange('k')).toEqual({ kind: 'signing-keys' });
    expect(parseChange('x:1')).toBeNull();
    expect(parseChange('s:not-a-uuid')).toBeNull();
    expect(parseChange(undefined)).toBeNull();
  });

  it.runIf(onPostgres)(
    'a dropped listening connection: caches told to drop everything, short lifetimes meanwhile, back by itself',
    async () => {
      heard.length = 0;
      await app.deps.sql.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query = 'LISTEN roadcert_cache' AND pid <> pg_backend_pid()`,
      );
      await until(() => !other.live());
      await until(() => other.live(), 5_000);
      // `all` when it dropped, `all` again when back (for what was missed meanwhile).
      expect(heard.filter((c) => c.kind === 'all').length).toBeGreaterThanOrEqual(2);
      heard.length = 0;
      const cert = await app.prisma.certificate.findFirstOrThrow({ select: { id: true } });
      await app.prisma.certificate.update({ where: { id: cert.id }, data: { presentationEpoch: { increment: 1 } } });
      await until(() => heard.length > 0);
      expect(heard[0]).toMatchObject({ kind: 'certificate', certificateId: cert.id });
    },
    20_000,
  );
});
