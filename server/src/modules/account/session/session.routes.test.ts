import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../../test/app';
import { uuidv7 } from '../../../lib/uuidv7';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const signIn = async () => (await signInAccount(t)).token;

describe('request validation (every route)', () => {
  it('refuses a body that fails the schema with 400 and the failing field', async () => {
    const res = await t.api('/api/v1/auth/sms-codes', { body: { phone: 42 } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json.fields)).toEqual(['phone']);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and creates no session', async () => {
    const before = await t.prisma.session.count();
    const res = await t.api('/api/v1/auth/sms-login', { rawBody: '{"phone": "13800138001", "code": "123456"' });
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

describe('the removed demo sign-in', () => {
  it('a session without an account (what it created) is refused like a forged token', async () => {
    const expiresAt = new Date(Date.now() + 3600_000);
    const id = uuidv7();
    await t.prisma.session.create({
      data: { id, refreshTokenHash: t.deps.sessionTokens.issueRefresh(id).hash, platform: 'demo', expiresAt },
    });
    const res = await t.api('/api/v1/me', { token: t.deps.sessionTokens.issue(id, expiresAt) });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('TOKEN_INVALID');
  });

  it('its routes are gone', async () => {
    expect((await t.api('/api/v1/demo/holders')).status).toBe(404);
    expect((await t.api('/api/v1/demo/session', { body: { key: 'driver-paper' } })).status).toBe(404);
  });
});
