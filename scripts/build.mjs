#!/usr/bin/env node
// `npm run build`: the server and shared/ compiled to JavaScript for production
// (`npm run start:prod` runs server/dist/main.js with plain node, no tsx).
//
// Each source file becomes one output file at the same place under dist/ (server/src/x/y.ts →
// server/dist/x/y.js, shared/src → shared/dist), so paths taken from import.meta.url
// (migrations, the portal, the PGlite init script, the signing workers) resolve as from the
// sources. esbuild only transpiles: `npm run typecheck` is the type check. The sources import
// without extensions (moduleResolution "Bundler"), which Node's ESM loader does not accept,
// so every relative import, and @roadcert/shared (whose package exports point at TypeScript),
// is rewritten to the compiled file's relative path with its .js extension.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const trees = [
  { src: path.join(root, 'shared/src'), out: path.join(root, 'shared/dist') },
  { src: path.join(root, 'server/src'), out: path.join(root, 'server/dist') },
];
/** Tests and their helpers stay out of the production build. */
const skipped = (rel) => /\.test\.ts$/.test(rel) || rel.startsWith(`test${path.sep}`) || rel.endsWith('.d.ts');

function files(dir, rel = '') {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = path.join(rel, name);
    return statSync(path.join(dir, r)).isDirectory() ? files(dir, r) : [r];
  });
}

/** The compiled file of a source file, or null when it is not ours (node_modules). */
function outputOf(source) {
  const tree = trees.find((t) => source.startsWith(t.src + path.sep));
  if (!tree) return null;
  const rel = path.relative(tree.src, source);
  return path.join(tree.out, rel.endsWith('.ts') ? `${rel.slice(0, -3)}.js` : rel);
}

const inner = Symbol('inner resolve');
const rewriteImports = {
  name: 'rewrite-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      // build.resolve runs this hook again: the inner call (marked) takes esbuild's own resolution.
      if (args.kind === 'entry-point' || args.pluginData === inner) return undefined;
      const ours = args.path.startsWith('.') || args.path.startsWith('@roadcert/shared');
      if (!ours) return { path: args.path, external: true };
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: inner,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const target = outputOf(resolved.path);
      if (!target) return { path: args.path, external: true };
      let spec = path
        .relative(path.dirname(outputOf(args.importer)), target)
        .split(path.sep)
        .join('/');
      if (!spec.startsWith('.')) spec = `./${spec}`;
      return { path: spec, external: true };
    });
  },
};

const started = Date.now();
let count = 0;
for (const tree of trees) {
  rmSync(tree.out, { recursive: true, force: true });
  const all = files(tree.src).filter((rel) => !skipped(rel));
  const entryPoints = all.filter((rel) => rel.endsWith('.ts')).map((rel) => path.join(tree.src, rel));
  await build({
    entryPoints,
    outdir: tree.out,
    outbase: tree.src,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [rewriteImports],
  });
  // Plain JavaScript beside the sources (the PGlite init script, the signing workers' entry).
  for (const rel of all.filter((r) => r.endsWith('.mjs'))) {
    mkdirSync(path.dirname(path.join(tree.out, rel)), { recursive: true });
    copyFileSync(path.join(tree.src, rel), path.join(tree.out, rel));
  }
  count += entryPoints.length;
}
console.log(`[build] ${count} files → shared/dist, server/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
