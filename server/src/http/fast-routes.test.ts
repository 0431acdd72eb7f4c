import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../lib/logger';
import { startTestApp, type TestApp } from '../test/app';
import { fastRoute, withFastRoutes } from './fast-routes';

describe('withFastRoutes: which requests it takes', () => {
  let server: Server;
  let base = '';
  const handed: string[] = [];
  beforeAll(async () => {
    const echo = fastRoute({
      method: 'POST',
      path: '/echo',
      body: z.object({ n: z.number().int() }),
      response: z.object({ twice: z.number() }),
      headers: { 'Cache-Control': 'no-store' },
      handler: async ({ n }) => ({ twice: 2 * n, extra: 'stripped' }) as { twice: number },
    });
    const next = (req: { method?: string; url?: string; resume(): void }, res: { end(body: string): void }) => {
      handed.push(`${req.method} ${req.url}`);
      req.resume();
      res.end('koa');
    };
    server = createServer(
      withFastRoutes([echo], next as never, { logger: createLogger('silent'), bodyLimitBytes: 1024 }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(base + path, { method: 'POST', body, headers });

  it('answers plain JSON to its path itself: validated, response schema applied, its headers', async () => {
    handed.length = 0;
    const res = await post('/echo', '{"n":21}', {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': 'abcDEF12_-',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ twice: 42 });
    expect(res.headers.get('x-request-id')).toBe('abcDEF12_-');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(handed).toEqual([]);
  });

  it('leaves credentials, other content types, encodings, query strings, methods and paths to Koa', async () => {
    handed.length = 0;
    await post('/echo', '{"n":1}', { 'content-type': 'application/json', authorization: 'Bearer x' });
    await post('/echo', '{"n":1}', { 'content-type': 'text/plain' });
    await post('/echo', '{"n":1}', { 'content-type': 'application/json; charset=latin1' });
    await post('/echo', '{"n":1}', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    await post('/echo?x=1', '{"n":1}');
    await post('/other', '{"n":1}');
    await fetch(`${base}/echo`);
    expect(handed).toEqual([
      'POST /echo',
      'POST /echo',
      'POST /echo',
      'POST /echo',
      'POST /echo?x=1',
      'POST /other',
      'GET /echo',
    ]);
  });

  it('refuses bad bodies with the service’s error codes and a generated request id', async () => {
    const cases: [string, number, string][] = [
      ['{"n":', 400, 'MALFORMED_JSON'],
      ['"just a string"', 400, 'MALFORMED_JSON'],
      ['{"__proto__":{"n":1}}', 400, 'MALFORMED_JSON'],
      // The shared input rule (input-rules.ts) before the route's schema: U+0000 is refused even where undeclared.
      ['{"n":1,"s":"a\\u0000"}', 400, 'BAD_REQUEST'],
      ['{"n":"\\ud800"}', 400, 'BAD_REQUEST'],
      ['{"n":"x"}', 400, 'VALIDATION_FAILED'],
      ['', 400, 'VALIDATION_FAILED'],
      [JSON.stringify({ n: 1, pad: 'x'.repeat(2000) }), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post('/echo', body);
      const json = (await res.json()) as { code: string; message: string; requestId: string };
      expect([body.slice(0, 20), res.status, json.code]).toEqual([body.slice(0, 20), status, code]);
      expect(json.message).toMatch(/[\u4e00-\u9fff]/);
      expect(json.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-request-id')).toBe(json.requestId);
    }
  });
});

describe('POST /api/v1/verify: the fast path and the Koa path answer alike', () => {
  let t: TestApp;
  // Which path answered: the fast path writes its access line on the root logger, Koa on a
  // per-request child (whose own silent methods shadow this one).
  const rootAccessLines: { route?: string; status?: number; fromRoot: boolean }[] = [];
  beforeAll(async () => {
    const logger = createLogger('silent');
    logger.info = function (this: unknown, obj: unknown, msg?: string) {
      if (msg === 'request')
        rootAccessLines.push({ ...(obj as { route?: string; status?: number }), fromRoot: this === logger });
    } as typeof logger.info;
    t = await startTestApp({ logger });
  });
  afterAll(async () => t?.close());

  /** Without Authorization the fast path answers; a credential that is no session sends it through Koa (anonymous scope). */
  const both = async (body: string) => {
    const send = (headers: Record<string, string>) =>
      fetch(`${t.baseUrl}/api/v1/verify`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const [fast, koa] = await Promise.all([send({}), send({ authorization: 'Bearer not-a-session' })]);
    const strip = async (res: Response) => {
      const { requestId: _r, checkedAt: _c, ...rest } = (await res.json()) as Record<string, unknown>;
      return {
        status: res.status,
        cacheControl: res.headers.get('cache-control'),
        contentType: res.headers.get('content-type'),
        nosniff: res.headers.get('x-content-type-options'),
        body: rest,
      };
    };
    return { fast: await strip(fast), koa: await strip(koa) };
  };

  it('for verdicts, validation failures, malformed and oversized bodies', async () => {
    const bodies = [
      JSON.stringify({ token: '12345678901234567' }),
      JSON.stringify({ token: 'not digits' }),
      JSON.stringify({ token: '' }),
      JSON.stringify({ channel: 'QR_PORTAL' }),
      '{"token":',
      JSON.stringify({ token: '1'.repeat(300 * 1024) }),
      JSON.stringify({ token: '1234\u0000' }),
    ];
    for (const body of bodies) {
      rootAccessLines.length = 0;
      const { fast, koa } = await both(body);
      expect(fast).toEqual(koa);
      // Exactly one of the two requests was answered in front of Koa.
      expect(rootAccessLines.filter((l) => l.fromRoot).map(({ route, status }) => ({ route, status }))).toEqual([
        { route: '/api/v1/verify', status: fast.status },
      ]);
    }
    const { fast } = await both(JSON.stringify({ token: '12345678901234567' }));
    expect(fast.body).toMatchObject({ verdict: 'INVALID', scope: 'anonymous', certificate: null });
  });
});
