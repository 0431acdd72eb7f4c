import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import type { Config } from '../config';
import { applyMigrations } from './migrate';
import { listenOnEmbedded, listenOnPostgres, type ChangeFeed } from './notify';
import type { Logger } from '../lib/logger';

/**
 * The pg pool under Prisma, for the few hot statements whose planning in Prisma's query
 * compiler costs more than the query (the usage log's batch insert). No named (prepared)
 * statements: PGlite is one session behind all its socket connections, so a statement
 * prepared before a reconnect would collide with itself afterwards.
 */
export type Sql = Pick<pg.Pool, 'query'>;

export type Database = {
  prisma: PrismaClient;
  sql: Sql;
  /** `postgres` or `pglite (embedded)`; shown by /readyz and the start-up log. */
  kind: string;
  /** Change notifications for per-process caches (db/notify.ts): LISTEN/NOTIFY. */
  changes: ChangeFeed;
  close: () => Promise<void>;
};

/**
 * Opens the database and brings its schema up to date.
 * - DATABASE_URL set: a pg pool to PostgreSQL.
 * - otherwise: PGlite (PostgreSQL in Wasm) persisted in DATA_DIR/pglite, served over
 *   the Postgres wire protocol on a private Unix socket so the application uses exactly
 *   the same driver and SQL as production. PGlite is a single session, so the pool
 *   holds one connection (transactions must not interleave). The socket server admits
 *   two: pg-pool destroys a client after any query error and connects anew at once,
 *   and the replacement must not be refused while the old socket is still closing.
 */
export async function openDatabase(
  db: Config['database'],
  options: { logger?: Pick<Logger, 'warn' | 'info'> } = {},
): Promise<Database> {
  if (db.kind === 'postgres') {
    // A connect that hangs (server gone without a RST) fails after 5 s, so requests answer
    // 503 DATABASE_UNAVAILABLE (db/outage.ts) instead of piling up behind the pool.
    const pool = new pg.Pool({ connectionString: db.url, max: db.poolMax, connectionTimeoutMillis: 5_000 });
    surviveConnectionLoss(pool);
    await applyMigrations(pool);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const changes = listenOnPostgres(db.url, options.logger);
    return {
      prisma,
      sql: pool,
      kind: 'postgres',
      changes,
      close: async () => {
        await changes.close();
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  return openEmbedded(db.dir);
}

/**
 * PGlite's buffer cache. Its default (128 MB, PostgreSQL's) is resident once touched and the
 * Wasm memory never shrinks; the embedded database holds a demo or a small office's data, so
 * 16 MB keeps its pages cached at ~115 MB less RSS (docs/operations.md, "Memory"). Given as a
 * start parameter: PGlite's `postgresqlconf` option would overwrite the data dir's postgresql.conf.
 */
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

async function openEmbedded(dir: string): Promise<Database> {
  await mkdir(dir, { recursive: true });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await initdbInChildProcess(dir);
  const pglite = await PGlite.create(dir, { startParams: pgliteStartParams });
  const socketDir = path.join(dir, '..', 'pglite-socket');
  await mkdir(socketDir, { recursive: true });
  // pg looks for "<host dir>/.s.PGSQL.<port>"; a stale socket from a crash is removed first.
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  await rm(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 2 });
  await server.start();
  const pool = new pg.Pool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  surviveConnectionLoss(pool);
  const changes = listenOnEmbedded(pool);
  await applyMigrations(pool);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: pool,
    kind: 'pglite (embedded)',
    changes,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await server.stop();
      await pglite.close();
    },
  };
}

/**
 * A connection that the server ends (restart, pg_terminate_backend) emits 'error' on its
 * client, and on the pool when the client was idle; an 'error' event nobody listens to kills
 * the process. Idle clients are covered by pg-pool only for the pool's own listener, and a
 * checked-out client between statements (Prisma removes its listener at the end of a
 * transaction, before the release) has none: the server crashed on 57P01 when PostgreSQL
 * restarted under load (bench/load-restart.ts). The broken client is discarded by the pool
 * at release (not queryable); the next query connects anew or fails as DATABASE_UNAVAILABLE,
 * which is where the outage is logged.
 */
function surviveConnectionLoss(pool: pg.Pool) {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
}

/** First start: initdb in a child process, whose memory goes back to the OS when it exits. */
async function initdbInChildProcess(dir: string) {
  const script = fileURLToPath(new URL('./pglite-initdb.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`PGlite initdb in ${dir} failed (exit ${code}): ${stderr.slice(-2000)}`);
}
