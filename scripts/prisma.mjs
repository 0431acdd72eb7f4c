#!/usr/bin/env node
// Runs the Prisma CLI on machines that cannot download Prisma's native engines.
// We use the Rust-free client (engineType = "client" + @prisma/adapter-pg), so the
// native engines are never loaded; Prisma 6.19 still checks that the files exist,
// and pointing both variables at an existing file skips the download.
// See ../shared/notes/prisma-without-engine-downloads.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js', {
  paths: [fileURLToPath(new URL('../server/', import.meta.url))],
});
const placeholder = fileURLToPath(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  // generate needs a value; only `migrate diff` authoring connects (to local PostgreSQL).
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
};
const args = process.argv.slice(2);
const withSchema =
  args.includes('--schema') || args[0] === 'migrate' ? args : [...args, '--schema', 'prisma/schema.prisma'];
const result = spawnSync(process.execPath, [cli, ...withSchema], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
