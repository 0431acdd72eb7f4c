#!/usr/bin/env node
// Writes a new migration from the change to prisma/schema.prisma since the last commit:
//   npm run db:migration -- add_photo_hash
// It diffs two datamodels (the committed schema and the working one), which needs no
// database and no shadow database (the Wasm engine's shadow-database handling is broken,
// see docs/ARCHITECTURE.md). server/src/db/schema-drift.test.ts checks that the migrations
// together still build exactly the schema.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <snake_case_name>');
  process.exit(2);
}
const tmp = mkdtempSync(path.join(os.tmpdir(), 'roadcert-schema-'));
const previous = path.join(tmp, 'previous.prisma');
writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma']));
const result = spawnSync(
  process.execPath,
  [
    'scripts/prisma.mjs',
    'migrate',
    'diff',
    '--from-schema-datamodel',
    previous,
    '--to-schema-datamodel',
    'prisma/schema.prisma',
    '--script',
  ],
  { encoding: 'utf8' },
);
if (result.status !== 0) {
  console.error(result.stderr);
  process.exit(result.status ?? 1);
}
const sql = result.stdout.replace(/^Loaded Prisma config.*\n/m, '');
if (/^-- This is an empty migration\./m.test(sql) || sql.trim() === '') {
  console.log('schema.prisma has no change since HEAD; nothing written');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
console.log(`wrote ${dir}/migration.sql — review it, then commit it with the schema change`);
