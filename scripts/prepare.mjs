#!/usr/bin/env node
// Brings generated and built artefacts up to date before `npm start` / `npm test`, so a
// new user never has to guess a set-up step: the Prisma client (from prisma/schema.prisma)
// and the H5 portal build (and, with --weapp, the mini-program build). Each step runs only
// when its output is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);

/** Newest modification time under the given files/folders (node_modules and dist skipped). */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== 'dist') walk(path.join(p, name));
    } else max = Math.max(max, s.mtimeMs);
  };
  paths.forEach(walk);
  return max;
}

function stale(output, sources) {
  return !existsSync(output) || statSync(output).mtimeMs < newest(sources);
}

function run(label, command, args) {
  const started = Date.now();
  console.log(`[prepare] ${label}…`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`[prepare] ${label} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  console.log(`[prepare] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const generatedClient = at('server/src/generated/prisma/client.ts');
if (stale(generatedClient, [at('prisma/schema.prisma')]))
  run('Prisma client', process.execPath, [at('scripts/prisma.mjs'), 'generate']);

const miniappSources = [at('miniapp/src'), at('miniapp/config'), at('miniapp/babel.config.js'), at('shared/src')];
const targets = process.argv.includes('--weapp') ? ['h5', 'weapp'] : ['h5'];
for (const target of targets) {
  const marker = at('miniapp/dist', target, target === 'h5' ? 'index.html' : 'app.json');
  if (stale(marker, miniappSources))
    run(`${target} build`, 'npm', ['run', `build:${target}`, '-w', 'miniapp', '--silent']);
}
