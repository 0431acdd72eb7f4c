import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../../test/app';
import { auditRows, bindRealNameAs, grantConsents, passStandInFace } from '../../../test/identity-steps';
import type { Logger } from '../../../lib/logger';
import { createLocalStandInFaceProvider } from './local-stand-in-provider';
import { FACE_STARTS_PER_DAY } from './face-verifications.repo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const start = (token: string) => t.api('/api/v1/me/face-verifications', { token, method: 'POST' });
const complete = (token: string, id: string, body: Record<string, unknown>) =>
  t.api(`/api/v1/me/face-verifications/${id}/complete`, { token, body });

/** A fresh account bound to a seeded person (each test binds a different one). */
async function boundAccount(key: Parameters<typeof bindRealNameAs>[2]) {
  const session = await signInAccount(t);
  await bindRealNameAs(t, session.token, key);
  return session;
}

describe('face verification (local stand-in, the embedded default)', () => {
  it('needs a bound holder, then the separate FACE_DATA consent', async () => {
    const unbound = await signInAccount(t);
    expect((await start(unbound.token)).json.code).toBe('REAL_NAME_REQUIRED');
    const { token } = await boundAccount('driver-paper');
    const res = await start(token);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 'CONSENT_REQUIRED', fields: { FACE_DATA: '人脸信息处理单独同意' } });
  });

  it('is labelled a stand-in; a pass is valid for the configured window and shows in the profile', async () => {
    const { token, accountId } = await boundAccount('driver-ic');
    await grantConsents(t, token, ['FACE_DATA']);
    const started = await start(token);
    expect(started.status).toBe(201);
    expect(started.json).toEqual({ verificationId: expect.any(String), provider: 'local-stand-in', standIn: true });
    const done = await complete(token, started.json.verificationId, { standInOutcome: 'pass' });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ passed: true, standIn: true });
    const minutesLeft = (Date.parse(done.json.validUntil) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(9);
    expect(minutesLeft).toBeLessThanOrEqual(10);
    expect((await t.api('/api/v1/me', { token })).json.faceVerifiedUntil).toBe(done.json.validUntil);
    expect(
      await t.prisma.faceVerification.findUniqueOrThrow({ where: { id: started.json.verificationId } }),
    ).toMatchObject({ accountId, state: 'PASSED', provider: 'local-stand-in' });
    const audit = (await auditRows(t, 'face.complete')).filter((r) => r.actorId === accountId);
    expect(audit.map((r) => [r.outcome, r.detail])).toEqual([
      ['OK', { provider: 'local-stand-in', standIn: true, reason: null }],
    ]);

    // Past the window, the profile no longer counts it.
    await t.prisma.faceVerification.update({
      where: { id: started.json.verificationId },
      data: { verifiedAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect((await t.api('/api/v1/me', { token })).json.faceVerifiedUntil).toBeNull();
  });

  it('records a failed check, settles an attempt once, and needs the outcome for the stand-in', async () => {
    const { token } = await boundAccount('driver-electronic');
    await grantConsents(t, token, ['FACE_DATA']);
    const { json: attempt } = await start(token);
    expect((await complete(token, attempt.verificationId, {})).json).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { standInOutcome: expect.any(String) },
    });
    const failed = await complete(token, attempt.verificationId, { standInOutcome: 'fail' });
    expect(failed.json).toEqual({ passed: false, validUntil: null, standIn: true });
    expect((await t.prisma.faceVerification.findUniqueOrThrow({ where: { id: attempt.verificationId } })).state).toBe(
      'FAILED',
    );
    const again = await complete(token, attempt.verificationId, { standInOutcome: 'pass' });
    expect(again.status).toBe(409);
    expect((await t.api('/api/v1/me', { token })).json.faceVerifiedUntil).toBeNull();
  });

  it('refuses to complete an attempt left open too long', async () => {
    const { token } = await boundAccount('driver-mismatch');
    await grantConsents(t, token, ['FACE_DATA']);
    const { json: attempt } = await start(token);
    await t.prisma.faceVerification.update({
      where: { id: attempt.verificationId },
      data: { createdAt: new Date(Date.now() - 16 * 60_000) },
    });
    const res = await complete(token, attempt.verificationId, { standInOutcome: 'pass' });
    expect(res.status).toBe(409);
    expect((await t.prisma.faceVerification.findUniqueOrThrow({ where: { id: attempt.verificationId } })).state).toBe(
      'FAILED',
    );
  });

  it("answers 404 for another account's attempt and for a malformed id, and audits both", async () => {
    const owner = await boundAccount('driver-lapsed');
    await grantConsents(t, owner.token, ['FACE_DATA']);
    const { json: attempt } = await start(owner.token);
    const intruder = await boundAccount('driver-missing-data');
    for (const id of [attempt.verificationId, 'not-a-uuid', '00000000-0000-7000-8000-000000000000']) {
      const res = await complete(intruder.token, id, { standInOutcome: 'pass' });
      expect(res.status).toBe(404);
      expect(res.json.code).toBe('NOT_FOUND');
    }
    const denied = (await auditRows(t, 'face.access_denied')).filter((r) => r.actorId === intruder.accountId);
    expect(denied.map((r) => r.subjectId)).toEqual([
      attempt.verificationId,
      'not-a-uuid',
      '00000000-0000-7000-8000-000000000000',
    ]);
    expect((await t.prisma.faceVerification.findUniqueOrThrow({ where: { id: attempt.verificationId } })).state).toBe(
      'PENDING',
    );
  });

  it(`allows ${FACE_STARTS_PER_DAY} starts a day per account`, async () => {
    const { token, accountId } = await boundAccount('driver-ride-hailing');
    await passStandInFace(t, token);
    await t.prisma.faceVerification.createMany({
      data: Array.from({ length: FACE_STARTS_PER_DAY - 1 }, () => ({ accountId, provider: 'local-stand-in' })),
    });
    const res = await start(token);
    expect(res.status).toBe(429);
    expect(res.json.code).toBe('RATE_LIMITED');
  });

  it('logs a warning that names the stand-in on every use', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_obj: unknown, msg: string) => warnings.push(msg) } as unknown as Logger;
    const provider = createLocalStandInFaceProvider(logger);
    const context = {
      attempt: { id: 'a', createdAt: new Date() },
      account: { id: 'b', wechatOpenId: null },
      expectedIdentity: () => ({ name: '', idNumber: '' }),
    };
    expect(await provider.confirm(context, { standInOutcome: 'pass' })).toEqual({ passed: true, providerRef: null });
    expect(warnings).toEqual([expect.stringMatching(/LOCAL STAND-IN.*not a real face check/)]);
  });
});
