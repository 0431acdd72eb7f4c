import { readFileSync } from 'node:fs';
import type { Context } from 'koa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoStaff } from '../../seed/staff';
import { AppError } from '../../errors';
import { startTestApp, type TestApp } from '../../test/app';
import { smsSignIn } from '../../test/auth-steps';
import { requireStaff } from '../account';
import { base32Decode, hotp, totpStep } from './totp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const secret = base32Decode(demoStaff.totpSecret);
/** The code an authenticator app shows `offset` steps from now. */
const codeAt = (offset = 0) => hotp(secret, totpStep(new Date()) + offset);
const login = (username = demoStaff.username, password = demoStaff.password) =>
  t.api('/api/v1/staff/auth/login', { body: { username, password } });
const verify = (challengeId: string, code: string) =>
  t.api('/api/v1/staff/auth/verify', { body: { challengeId, code } });
const staffRow = () => t.prisma.staffUser.findUniqueOrThrow({ where: { username: demoStaff.username } });
const challenge = async () => (await login()).json.challengeId as string;
/** Waits out the last 3 s of a 30-second step, so codes computed now are checked in the same step. */
async function awayFromStepEdge() {
  const into = (Date.now() / 1000) % 30;
  if (into > 27) await new Promise((resolve) => setTimeout(resolve, (30 - into) * 1000 + 100));
}
async function signIn() {
  const res = await verify(await challenge(), codeAt());
  expect(res.status).toBe(200);
  return res.json.accessToken as string;
}

// Every test starts from a clean staff record (no failures, no lock, no used TOTP step).
beforeEach(async () => {
  await t.prisma.staffUser.update({
    where: { username: demoStaff.username },
    data: { failedAttempts: 0, lockedUntil: null, totpLastStep: null },
  });
});

describe('the seeded staff account', () => {
  it('stores a scrypt hash and the TOTP secret encrypted, never in clear', async () => {
    const row = await staffRow();
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(demoStaff.password);
    expect(Buffer.from(row.totpSecretEnc!).toString('latin1')).not.toContain(demoStaff.totpSecret);
    expect(row).toMatchObject({ roles: ['REVIEWER'], regionCode: '440100' });
  });

  it('is the one README.md documents (username, password, TOTP secret)', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    for (const value of [demoStaff.username, demoStaff.password, demoStaff.totpSecret])
      expect(readme).toContain(`\`${value}\``);
  });
});

describe('password + TOTP sign-in', () => {
  it('password → challenge → code → staff session; GET /staff/me shows roles and region', async () => {
    const step1 = await login();
    expect(step1.status).toBe(200);
    expect(step1.json).toMatchObject({ challengeId: expect.any(String), secondFactor: 'TOTP' });
    const step2 = await verify(step1.json.challengeId, codeAt());
    expect(step2.status).toBe(200);
    expect(step2.json.staff).toMatchObject({
      displayName: demoStaff.displayName,
      roles: ['REVIEWER'],
      regionCode: '440100',
    });
    const me = await t.api('/api/v1/staff/me', { token: step2.json.accessToken });
    expect(me.status).toBe(200);
    expect(me.json.roles).toEqual(['REVIEWER']);
    const session = await t.prisma.session.findUniqueOrThrow({ where: { id: step2.json.accessToken.split('.')[0] } });
    expect(session.staffUserId).toBe((await staffRow()).id);
    expect(session.accountId).toBeNull();
    // 8 hours absolute.
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeGreaterThan(8 * 3600_000 - 5_000);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThanOrEqual(8 * 3600_000 + 5_000);
    expect(
      await t.prisma.auditLog.count({
        where: { action: 'staff.sign-in', outcome: 'OK', actorId: session.staffUserId },
      }),
    ).toBeGreaterThan(0);
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const unknown = await login('nobody', demoStaff.password);
    const wrong = await login(demoStaff.username, 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json.code).toBe('STAFF_LOGIN_FAILED');
    expect(wrong.json.code).toBe('STAFF_LOGIN_FAILED');
    expect(unknown.json.message).toBe(wrong.json.message);
  });

  it('five wrong passwords lock the account for 15 minutes, even for the right password', async () => {
    for (let i = 1; i <= 5; i += 1)
      expect((await login(demoStaff.username, `wrong-${i}`)).json.code).toBe('STAFF_LOGIN_FAILED');
    const { lockedUntil } = await staffRow();
    expect(lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const right = await login();
    expect([right.status, right.json.code]).toEqual([401, 'STAFF_LOGIN_FAILED']);
    // Attempts while locked do not move the lock's end.
    expect((await staffRow()).lockedUntil).toEqual(lockedUntil);
    // After the lock: the right password works again.
    await t.prisma.staffUser.update({
      where: { username: demoStaff.username },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    expect((await login()).status).toBe(200);
  });

  it('a locked account answers exactly like an unknown user (status, code, message, headers), audited', async () => {
    const answer = async (res: Awaited<ReturnType<typeof login>>) => ({
      status: res.status,
      code: res.json.code,
      message: res.json.message,
      retryAfter: res.headers.get('retry-after'),
      retryAfterSeconds: res.json.retryAfterSeconds,
    });
    const unknown = await answer(await login('nobody-at-all', 'wrong'));
    for (let i = 1; i <= 4; i += 1) await login(demoStaff.username, `wrong-${i}`);
    // The failure that locks, an attempt while locked (wrong and right password): all the same.
    const locking = await answer(await login(demoStaff.username, 'wrong-5'));
    const whileLockedWrong = await answer(await login(demoStaff.username, 'wrong-6'));
    const whileLockedRight = await answer(await login());
    expect(unknown).toEqual({
      status: 401,
      code: 'STAFF_LOGIN_FAILED',
      message: expect.stringMatching(/[\u4e00-\u9fff]/),
      retryAfter: null,
      retryAfterSeconds: undefined,
    });
    for (const other of [locking, whileLockedWrong, whileLockedRight]) expect(other).toEqual(unknown);
    const { id } = await staffRow();
    const denied = await t.prisma.auditLog.findMany({
      where: { action: 'staff.sign-in', actorId: id, outcome: 'DENIED' },
      orderBy: { seq: 'desc' },
      take: 2,
    });
    expect(denied.map((r) => r.detail)).toEqual([
      { step: 'password', locked: true, whileLocked: true },
      { step: 'password', locked: true, whileLocked: true },
    ]);
  });

  it('accepts the code of the previous and the next 30-second step, not two steps away', async () => {
    const [a, b, c, d] = [await challenge(), await challenge(), await challenge(), await challenge()];
    await awayFromStepEdge();
    expect((await verify(a, codeAt(-2))).json.code).toBe('SECOND_FACTOR_INVALID');
    expect((await verify(b, codeAt(2))).json.code).toBe('SECOND_FACTOR_INVALID');
    expect((await verify(c, codeAt(-1))).status).toBe(200);
    expect((await verify(d, codeAt(1))).status).toBe(200);
  });

  it('accepts a code once: the same code on a second challenge is refused', async () => {
    const [first, second] = [await challenge(), await challenge()];
    await awayFromStepEdge();
    const code = codeAt();
    expect((await verify(first, code)).status).toBe(200);
    const replay = await verify(second, code);
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('a challenge works once and expires', async () => {
    const id = await challenge();
    expect((await verify(id, codeAt())).status).toBe(200);
    expect((await verify(id, codeAt(1))).json).toMatchObject({
      code: 'STAFF_LOGIN_FAILED',
      message: '登录已失效，请重新输入用户名和密码',
    });
    const old = await challenge();
    await t.prisma.staffLoginChallenge.update({ where: { id: old }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await verify(old, codeAt())).json.code).toBe('STAFF_LOGIN_FAILED');
    expect((await verify('not-a-challenge', codeAt())).json.code).toBe('STAFF_LOGIN_FAILED');
  });

  it('five wrong codes kill the challenge (and, counted with password failures, lock the account)', async () => {
    const id = await challenge();
    const wrong = codeAt() === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i += 1) expect((await verify(id, wrong)).json.code).toBe('SECOND_FACTOR_INVALID');
    const fifth = await verify(id, wrong);
    expect(fifth.status).toBe(423);
    expect((await t.prisma.staffLoginChallenge.findUniqueOrThrow({ where: { id } })).attempts).toBe(5);
    // Lock over: that challenge stays dead even with the right code; a new sign-in works.
    await t.prisma.staffUser.update({
      where: { username: demoStaff.username },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    expect((await verify(id, codeAt())).json.code).toBe('STAFF_LOGIN_FAILED');
    expect((await verify(await challenge(), codeAt())).status).toBe(200);
  });

  it('wrong passwords and wrong codes add up: a known password does not buy unlimited guesses', async () => {
    for (let i = 0; i < 3; i += 1) await login(demoStaff.username, 'wrong');
    const id = await challenge();
    expect((await verify(id, codeAt(5))).json.code).toBe('SECOND_FACTOR_INVALID');
    expect((await verify(id, codeAt(6))).status).toBe(423);
  });
});

describe('staff sessions', () => {
  it('idle for more than 30 minutes: SESSION_IDLE_TIMEOUT, then the session is gone', async () => {
    const token = await signIn();
    const id = token.split('.')[0]!;
    await t.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    expect((await t.api('/api/v1/staff/me', { token })).status).toBe(200);
    expect(
      Date.now() - (await t.prisma.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime(),
    ).toBeLessThan(5_000);
    await t.prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const idle = await t.api('/api/v1/staff/me', { token });
    expect(idle.status).toBe(401);
    expect(idle.json.code).toBe('SESSION_IDLE_TIMEOUT');
    expect((await t.api('/api/v1/staff/me', { token })).json.code).toBe('TOKEN_INVALID');
  });

  it('past the 8-hour limit: TOKEN_EXPIRED', async () => {
    const token = await signIn();
    await t.prisma.session.update({
      where: { id: token.split('.')[0]! },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await t.api('/api/v1/staff/me', { token })).json.code).toBe('TOKEN_EXPIRED');
  });

  it('staff and holder tokens do not cross: holder → staff API 403, staff → holder API 401', async () => {
    const holder = await smsSignIn(t);
    const asHolder = await t.api('/api/v1/staff/me', { token: holder.accessToken });
    expect(asHolder.status).toBe(403);
    expect(asHolder.json.code).toBe('FORBIDDEN');
    const staffToken = await signIn();
    const asStaff = await t.api('/api/v1/me/sessions', { token: staffToken });
    expect(asStaff.status).toBe(401);
    expect(asStaff.json.code).toBe('TOKEN_INVALID');
    expect((await t.api('/api/v1/staff/me')).json.code).toBe('UNAUTHENTICATED');
  });

  it('requireStaff(role) lets in only staff holding that role', async () => {
    const token = await signIn();
    const ctx = () =>
      ({
        get: (h: string) => (h.toLowerCase() === 'authorization' ? `Bearer ${token}` : ''),
        state: {},
      }) as unknown as Context;
    let reached = false;
    await requireStaff(
      t.prisma,
      t.deps.sessionTokens,
      'REVIEWER',
    )(ctx(), async () => {
      reached = true;
    });
    expect(reached).toBe(true);
    const err = await requireStaff(
      t.prisma,
      t.deps.sessionTokens,
      'ADMIN',
    )(ctx(), async () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FORBIDDEN');
  });

  it('POST /staff/auth/logout ends the session', async () => {
    const token = await signIn();
    expect((await t.api('/api/v1/staff/auth/logout', { token, method: 'POST' })).json).toEqual({ revoked: 1 });
    expect((await t.api('/api/v1/staff/me', { token })).json.code).toBe('TOKEN_INVALID');
  });
});
