import pg from 'pg';
import { applyMigrations } from '../db/migrate';

/**
 * With TEST_DATABASE_URL (CI: a fresh database on the local PostgreSQL), migrate it once;
 * each test file then clones it as a template into a database of its own. Without it,
 * every test file runs on its own in-memory-like PGlite (see test/app.ts).
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await applyMigrations(pool);
  } finally {
    await pool.end();
  }
}
