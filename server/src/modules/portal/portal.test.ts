import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal } from './portal';

/** The portal sends the build's precompressed .br when the browser accepts brotli, the plain file otherwise. */
describe('portal static files', () => {
  let dir: string;
  let base: string;
  let close: () => void;
  const script = `console.log(${JSON.stringify('道路运输电子证照'.repeat(200))});`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'portal-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>RoadCert</title>');
    await writeFile(path.join(dir, 'app.0123abcd.js'), script);
    await writeFile(path.join(dir, 'app.0123abcd.js.br'), brotliCompressSync(script));
    const app = new Koa().use(portal(dir));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers brotli to a browser that accepts it, with the JavaScript type, Vary and a year of caching', async () => {
    // node:http, not fetch: fetch would decode the body and hide what went over the wire.
    const res = await new Promise<IncomingMessage>((resolve) =>
      get(`${base}/app.0123abcd.js`, { headers: { 'accept-encoding': 'br' } }, resolve),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(bytes.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(brotliDecompressSync(bytes).toString()).toBe(script);
  });

  it('answers the plain file to a client that does not accept brotli', async () => {
    const res = await fetch(`${base}/app.0123abcd.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(script);
  });
});
