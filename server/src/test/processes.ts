import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';

/**
 * What tests, benches and e2e journeys that start real processes share: a free port, and one
 * statement on the PostgreSQL server of TEST_DATABASE_URL outside any test database (CREATE
 * and DROP DATABASE cannot run inside the database they name).
 */

/** A free TCP port on loopback (the kernel's pick, released for the caller to bind). */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs `sql` on the server of `databaseUrl`, connected to its `postgres` database. */
export async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
