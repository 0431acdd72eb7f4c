import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { smsSignIn } from '../../../test/auth-steps';
import { createSessionTokens } from './session-token';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t?.close());

const refresh = (refreshToken: string) => t.api('/api/v1/auth/refresh', { body: { refreshToken } });
const sessionIdOf = (accessToken: string) => accessToken.split('.')[0]!;
const me = (token: string) => t.api('/api/v1/me/sessions', { token });

describe('POST /api/v1/auth/refresh', () => {
  it('rotates: a new access token and a new refresh token, both working, the profile again', async () => {
    const signedIn = await smsSignIn(t);
    const res = await refresh(signedIn.refreshToken);
    expect(res.status).toBe(200);
    expect(res.json.refreshToken).not.toBe(signedIn.refreshToken);
    expect(res.json.account.id).toBe(signedIn.account.id);
    expect((await me(res.json.accessToken)).status).toBe(200);
    const again = await refresh(res.json.refreshToken);
    expect(again.status).toBe(200);
    const row = await t.prisma.session.findUniqueOrThrow({ where: { id: sessionIdOf(signedIn.accessToken) } });
    expect(row.refreshTokenHash).toBe(t.deps.sessionTokens.hashRefresh(again.json.refreshToken));
    expect(row.refreshTokenHash).not.toContain(again.json.refreshToken.split('.')[1]);
  });

  it('a rotated-away refresh token presented again revokes the session (reuse detection)', async () => {
    const signedIn = await smsSignIn(t);
    const rotated = (await refresh(signedIn.refreshToken)).json;
    const reuse = await refresh(signedIn.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.json.code).toBe('TOKEN_INVALID');
    // Whoever held the new pair is signed out too.
    expect((await me(rotated.accessToken)).json.code).toBe('TOKEN_INVALID');
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect(
      (await t.prisma.session.findUniqueOrThrow({ where: { id: sessionIdOf(signedIn.accessToken) } })).revokedAt,
    ).not.toBeNull();
  });

  it('a forged refresh token is refused without touching the session it names', async () => {
    const signedIn = await smsSignIn(t);
    const [sessionId] = signedIn.refreshToken.split('.');
    const forged = `${sessionId}.${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    const res = await refresh(forged);
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('TOKEN_INVALID');
    // Signed with another server's key: refused the same way.
    const otherServer = createSessionTokens(randomBytes(32)).issueRefresh(sessionId!).token;
    expect((await refresh(otherServer)).json.code).toBe('TOKEN_INVALID');
    expect((await me(signedIn.accessToken)).status).toBe(200);
    expect((await refresh(signedIn.refreshToken)).status).toBe(200);
  });

  it('a session past its 30 days answers TOKEN_EXPIRED', async () => {
    const signedIn = await smsSignIn(t);
    await t.prisma.session.update({
      where: { id: sessionIdOf(signedIn.accessToken) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await refresh(signedIn.refreshToken);
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('TOKEN_EXPIRED');
  });
});

describe('access tokens', () => {
  it('an access token past its 15 minutes answers TOKEN_EXPIRED; one forged with another key TOKEN_INVALID', async () => {
    const signedIn = await smsSignIn(t);
    const id = sessionIdOf(signedIn.accessToken);
    const expired = await me(t.deps.sessionTokens.issue(id, new Date(Date.now() - 1000)));
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('TOKEN_EXPIRED');
    const forged = await me(createSessionTokens(randomBytes(32)).issue(id, new Date(Date.now() + 600_000)));
    expect(forged.json.code).toBe('TOKEN_INVALID');
    const tampered = await me(signedIn.accessToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(tampered.json.code).toBe('TOKEN_INVALID');
  });

  it('records activity at most once a minute', async () => {
    const signedIn = await smsSignIn(t);
    const id = sessionIdOf(signedIn.accessToken);
    const lastSeen = async () => (await t.prisma.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
    const justNow = new Date(Date.now() - 30_000);
    await t.prisma.session.update({ where: { id }, data: { lastSeenAt: justNow } });
    await me(signedIn.accessToken);
    expect(await lastSeen()).toBe(justNow.getTime());
    await t.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 90_000) } });
    await me(signedIn.accessToken);
    expect(Date.now() - (await lastSeen())).toBeLessThan(5_000);
  });
});

describe('sign-out and devices', () => {
  it('POST /auth/logout ends this session: access and refresh stop working', async () => {
    const signedIn = await smsSignIn(t);
    const res = await t.api('/api/v1/auth/logout', { token: signedIn.accessToken, method: 'POST' });
    expect(res.json).toEqual({ revoked: 1 });
    expect((await me(signedIn.accessToken)).json.code).toBe('TOKEN_INVALID');
    expect((await refresh(signedIn.refreshToken)).json.code).toBe('TOKEN_INVALID');
  });

  it('GET /me/sessions lists this account’s live devices, the calling one flagged', async () => {
    const phone = (await smsSignIn(t, undefined, { platform: 'h5', label: 'Chrome · Windows' })).phone;
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: t.deps.fieldCrypto.blindIndex(phone, 'phone') },
      data: { createdAt: new Date(Date.now() - 120_000) },
    });
    const second = await smsSignIn(t, phone, { platform: 'weapp', label: '微信小程序 · iPhone' });
    const someoneElse = await smsSignIn(t);
    const res = await me(second.accessToken);
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(2);
    const current = res.json.items.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({
      id: sessionIdOf(second.accessToken),
      platform: 'weapp',
      deviceLabel: '微信小程序 · iPhone',
    });
    expect(res.json.items.map((s: { deviceLabel: string }) => s.deviceLabel).sort()).toEqual([
      'Chrome · Windows',
      '微信小程序 · iPhone',
    ]);
    expect(res.json.items.map((s: { id: string }) => s.id)).not.toContain(sessionIdOf(someoneElse.accessToken));
  });

  it('DELETE /me/sessions/:id signs out one of my devices', async () => {
    const phone = (await smsSignIn(t)).phone;
    const first = await t.prisma.session.findFirstOrThrow({
      where: { account: { phoneHash: t.deps.fieldCrypto.blindIndex(phone, 'phone') } },
    });
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: t.deps.fieldCrypto.blindIndex(phone, 'phone') },
      data: { createdAt: new Date(Date.now() - 120_000) },
    });
    const second = await smsSignIn(t, phone);
    const res = await t.api(`/api/v1/me/sessions/${first.id}`, { token: second.accessToken, method: 'DELETE' });
    expect(res.json).toEqual({ revoked: 1 });
    expect((await t.prisma.session.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).not.toBeNull();
    expect((await me(second.accessToken)).json.items).toHaveLength(1);
  });

  it("someone else's session id (or garbage) is a 404, changes nothing, and is audited", async () => {
    const mine = await smsSignIn(t);
    const theirs = await smsSignIn(t);
    const res = await t.api(`/api/v1/me/sessions/${sessionIdOf(theirs.accessToken)}`, {
      token: mine.accessToken,
      method: 'DELETE',
    });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('NOT_FOUND');
    expect((await me(theirs.accessToken)).status).toBe(200);
    const audit = await t.prisma.auditLog.findFirst({
      where: { action: 'session.revoke', subjectId: sessionIdOf(theirs.accessToken) },
    });
    expect(audit).toMatchObject({ actorKind: 'ACCOUNT', actorId: mine.account.id, outcome: 'DENIED' });
    expect((await t.api('/api/v1/me/sessions/not-a-uuid', { token: mine.accessToken, method: 'DELETE' })).status).toBe(
      404,
    );
    expect(
      (await t.api(`/api/v1/me/sessions/${crypto.randomUUID()}`, { token: mine.accessToken, method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('POST /me/sessions/revoke-all signs out every device of the account, and only those', async () => {
    const phone = (await smsSignIn(t)).phone;
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: t.deps.fieldCrypto.blindIndex(phone, 'phone') },
      data: { createdAt: new Date(Date.now() - 120_000) },
    });
    const second = await smsSignIn(t, phone);
    const bystander = await smsSignIn(t);
    const res = await t.api('/api/v1/me/sessions/revoke-all', { token: second.accessToken, method: 'POST' });
    expect(res.json).toEqual({ revoked: 2 });
    expect((await me(second.accessToken)).json.code).toBe('TOKEN_INVALID');
    expect(await t.prisma.session.count({ where: { accountId: second.account.id, revokedAt: null } })).toBe(0);
    expect((await me(bystander.accessToken)).status).toBe(200);
  });
});
