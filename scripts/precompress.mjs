#!/usr/bin/env node
/**
 * Writes .br and .gz beside every text asset of the built H5 portal, once at build time, so the
 * server (koa-static with brotli/gzip) sends a phone camera's browser ~¼ of the bytes without
 * compressing on every request. Usage: node scripts/precompress.mjs [dir] (default miniapp/dist/h5,
 * or TARO_OUTPUT_ROOT relative to miniapp/).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const dir = path.resolve(process.argv[2] ?? path.join(root, 'miniapp', process.env.TARO_OUTPUT_ROOT ?? 'dist/h5'));
const compressible = /\.(js|css|html|svg|json|txt)$/;

const files = (d) =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)],
  );
let raw = 0;
let br = 0;
for (const file of files(dir).filter((f) => compressible.test(f))) {
  const bytes = readFileSync(file);
  if (bytes.length < 1024) continue; // not worth a second request-path lookup
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  raw += statSync(file).size;
  br += brotli.length;
}
console.log(
  `[precompress] ${path.relative(root, dir)}: ${(raw / 1024).toFixed(0)} KiB of text assets → ${(br / 1024).toFixed(0)} KiB brotli`,
);
