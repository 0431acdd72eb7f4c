import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from './migrate';

const root = path.resolve(migrationsDir, '..', '..');

/** Tables, columns, indexes, constraints and enums, in a stable order. */
async function catalog(db: PGlite) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    columns:
      await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    enums: await q(
      `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, 3`,
    ),
  };
}

describe('schema drift', () => {
  it('the committed migrations build exactly the schema that schema.prisma describes', async () => {
    const diff = spawnSync(
      process.execPath,
      [
        'scripts/prisma.mjs',
        'migrate',
        'diff',
        '--from-empty',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(diff.status, diff.stderr).toBe(0);
    const fromSchema = await PGlite.create();
    const fromMigrations = await PGlite.create();
    try {
      await fromSchema.exec(diff.stdout.replace(/^Loaded Prisma config.*$/m, ''));
      for (const name of readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()) {
        await fromMigrations.exec(readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8'));
      }
      const expected = await catalog(fromSchema);
      expect(expected.columns.length).toBeGreaterThan(100);
      expect(await catalog(fromMigrations)).toEqual(expected);
    } finally {
      await fromSchema.close();
      await fromMigrations.close();
    }
  }, 180_000); // two PGlite instances and a Wasm schema diff: slow on a loaded 2-core machine
});
