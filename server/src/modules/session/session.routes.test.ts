import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const signIn = async () => (await t.api('/api/v1/demo/session', { body: { key: 'driver-paper' } })).json.token as string;

describe('demo sign-in (stand-in until real identity)', () => {
  it('lists the demo holders with masked names, companies in full', async () => {
    const res = await t.api('/api/v1/demo/holders');
    expect(res.status).toBe(200);
    const names = res.json.items.map((h: { nameMasked: string }) => h.nameMasked);
    expect(names).toContain('张*');
    expect(names).toContain('广州顺达物流有限公司');
  });

  it('refuses an unknown demo key with 404 and a field message', async () => {
    const res = await t.api('/api/v1/demo/session', { body: { key: 'nobody' } });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 'NOT_FOUND', fields: { key: '没有这个演示账号' } });
  });

  it('refuses a body that fails the schema with 400 and the failing field', async () => {
    const res = await t.api('/api/v1/demo/session', { body: { key: 42 } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json.fields)).toEqual(['key']);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and creates no session', async () => {
    const before = await t.prisma.session.count();
    const res = await t.api('/api/v1/demo/session', { rawBody: '{"key": "driver-paper"' });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('MALFORMED_JSON');
    expect(res.json.requestId).toBe(res.headers.get('x-request-id'));
    expect(await t.prisma.session.count()).toBe(before);
  });
});

describe('access tokens', () => {
  it('401 UNAUTHENTICATED without a token', async () => {
    const res = await t.api('/api/v1/me/certificates');
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('UNAUTHENTICATED');
  });

  it('401 TOKEN_INVALID for a forged token (MAC does not match)', async () => {
    const token = await signIn();
    const [id, exp] = token.split('.');
    const forged = `${id}.${Number(exp) + 3600}.${token.split('.')[2]}`;
    const res = await t.api('/api/v1/me/certificates', { token: forged });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('TOKEN_INVALID');
  });

  it('401 TOKEN_EXPIRED for a correctly signed token past its expiry', async () => {
    const token = await signIn();
    const sessionId = token.split('.')[0]!;
    const expired = t.deps.sessionTokens.issue(sessionId, new Date(Date.now() - 1000));
    const res = await t.api('/api/v1/me/certificates', { token: expired });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('TOKEN_EXPIRED');
  });

  it('401 TOKEN_INVALID once the session is revoked', async () => {
    const token = await signIn();
    await t.prisma.session.update({ where: { id: token.split('.')[0]! }, data: { revokedAt: new Date() } });
    const res = await t.api('/api/v1/me/certificates', { token });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('TOKEN_INVALID');
  });
});

describe('demo sign-in switched off', () => {
  it('answers 403 DEMO_LOGIN_DISABLED', async () => {
    const off = await (await import('../../test/app')).startTestApp({ env: { DEMO_LOGIN: 'false' }, seed: false });
    try {
      const res = await off.api('/api/v1/demo/holders');
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('DEMO_LOGIN_DISABLED');
    } finally {
      await off.close();
    }
  });
});
