import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import type { Config } from '../config';
import { applyMigrations } from './migrate';

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
export async function openDatabase(db: Config['database']): Promise<Database> {
  if (db.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: db.url, max: db.poolMax });
    await applyMigrations(pool);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      sql: pool,
      kind: 'postgres',
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  return openEmbedded(db.dir);
}

async function openEmbedded(dir: string): Promise<Database> {
  await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const socketDir = path.join(dir, '..', 'pglite-socket');
  await mkdir(socketDir, { recursive: true });
  // pg looks for "<host dir>/.s.PGSQL.<port>"; a stale socket from a crash is removed first.
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  await rm(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 2 });
  await server.start();
  const pool = new pg.Pool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  await applyMigrations(pool);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: pool,
    kind: 'pglite (embedded)',
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await server.stop();
      await pglite.close();
    },
  };
}
