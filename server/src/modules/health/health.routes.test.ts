import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t?.close());

describe('health, readiness, OpenAPI, unknown routes', () => {
  it('/healthz says the process is up', async () => {
    expect((await t.api('/healthz')).json).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database and fails once shutdown begins', async () => {
    const ready = await t.api('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.status).toBe('ready');
    t.beginShutdown();
    const stopping = await t.api('/readyz');
    expect(stopping.status).toBe(503);
  });

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.api('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
    const list = res.json.paths['/api/v1/me/certificates'].get;
    expect(list.security).toEqual([{ bearerAuth: [] }]);
    const item = list.responses['200'].content['application/json'].schema.properties.items.items;
    expect(item.required).toEqual(expect.arrayContaining(['numberMasked', 'status', 'carrier']));
    expect(res.json.paths['/api/v1/auth/sms-login'].post.requestBody).toBeDefined();
  });

  it('answers unknown API routes with a JSON 404 and a request id', async () => {
    const res = await t.api('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 'NOT_FOUND', message: '未找到相关信息' });
    expect(res.json.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('says the portal is not built instead of a blank page', async () => {
    const res = await fetch(`${t.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('门户页面尚未构建');
  });
});
