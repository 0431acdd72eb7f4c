import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentTexts, maskIdNumber, realNameLimits } from '@roadcert/shared';
import { citizenId } from '../../../seed/demo-holders';
import { signInAccount, startTestApp, type TestApp } from '../../../test/app';
import { auditRows, bindRealNameAs, demo, grantConsents } from '../../../test/identity-steps';
import { verifyAuditChain } from '../../../lib/audit';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const bind = (token: string, name: string, idNumber: string) =>
  t.api('/api/v1/me/real-name', { token, body: { name, idNumber } });
const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('GET /api/v1/me', () => {
  it('returns the AccountProfile of an unbound account', async () => {
    const { token, accountId, phone } = await signInAccount(t);
    const res = await t.api('/api/v1/me', { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: accountId,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      holder: null,
      operators: [],
      consents: [],
      faceVerifiedUntil: null,
    });
  });

  it('returns the bound holder (masked), with the fields the first mini-program reads at the top level', async () => {
    const { token, accountId } = await signInAccount(t, { holderKey: 'driver-paper' });
    const res = await t.api('/api/v1/me', { token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: accountId,
      holder: { kind: 'PERSON', nameMasked: '张*', idNumberMasked: maskIdNumber(demo('driver-paper').identityCode) },
      operators: [],
      consents: [],
    });
    expect(res.json.holder.idNumberMasked).toBe('4401**********4518');
    expect(res.json).not.toHaveProperty('demo');
  });
});

describe('consents (PIPL)', () => {
  it('refuses a consent to a text version that is not the current one', async () => {
    const { token } = await signInAccount(t);
    const res = await t.api('/api/v1/me/consents', { token, body: { kind: 'ID_NUMBER', textVersion: '2020-01-01' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { textVersion: expect.stringContaining(consentTexts.ID_NUMBER.version) },
    });
    expect(await t.prisma.consent.count({ where: { kind: 'ID_NUMBER', textVersion: '2020-01-01' } })).toBe(0);
  });

  it('records kind, version and time; granting again adds nothing; withdrawal is recorded and audited', async () => {
    const { token, accountId } = await signInAccount(t);
    const before = new Date();
    await grantConsents(t, token, ['FACE_DATA', 'FACE_DATA']);
    const rows = await t.prisma.consent.findMany({ where: { accountId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'FACE_DATA',
      textVersion: consentTexts.FACE_DATA.version,
      withdrawnAt: null,
    });
    expect(rows[0]!.grantedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect((await t.api('/api/v1/me', { token })).json.consents).toEqual([
      { kind: 'FACE_DATA', textVersion: consentTexts.FACE_DATA.version },
    ]);

    const res = await t.api('/api/v1/me/consents/FACE_DATA', { token, method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.json.consents).toEqual([]);
    expect((await t.prisma.consent.findFirstOrThrow({ where: { accountId } })).withdrawnAt).not.toBeNull();
    const audited = (await t.prisma.auditLog.findMany({ where: { actorId: accountId }, orderBy: { seq: 'asc' } })).map(
      (r) => [r.action, r.detail],
    );
    expect(audited).toEqual([
      ['consent.grant', { kind: 'FACE_DATA', textVersion: consentTexts.FACE_DATA.version }],
      ['consent.withdraw', { kind: 'FACE_DATA' }],
    ]);
  });

  it('refuses an unknown consent kind on withdrawal', async () => {
    const { token } = await signInAccount(t);
    expect((await t.api('/api/v1/me/consents/EVERYTHING', { token, method: 'DELETE' })).status).toBe(400);
  });
});

describe('POST /api/v1/me/real-name', () => {
  const person = demo('driver-ride-hailing');

  it('needs PRIVACY_POLICY and ID_NUMBER consent first, and says which are missing', async () => {
    const { token, accountId } = await signInAccount(t);
    let res = await bind(token, person.name, person.identityCode);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      code: 'CONSENT_REQUIRED',
      fields: { PRIVACY_POLICY: '隐私政策', ID_NUMBER: '身份证号码处理授权' },
    });
    await grantConsents(t, token, ['PRIVACY_POLICY']);
    res = await bind(token, person.name, person.identityCode);
    expect(Object.keys(res.json.fields)).toEqual(['ID_NUMBER']);
    // A withdrawn consent no longer counts.
    await grantConsents(t, token, ['ID_NUMBER']);
    await t.api('/api/v1/me/consents/ID_NUMBER', { token, method: 'DELETE' });
    expect((await bind(token, person.name, person.identityCode)).json.code).toBe('CONSENT_REQUIRED');
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).holderId).toBeNull();
    expect(
      (await t.prisma.auditLog.findMany({ where: { actorId: accountId, action: 'real_name.bind' } })).map(
        (r) => r.outcome,
      ),
    ).toEqual(['DENIED', 'DENIED', 'DENIED']);
  });

  it('binds on a match of ID (blind index) and exact name; the profile shows the masked holder; the audit row has no personal data', async () => {
    const { token, accountId } = await signInAccount(t);
    const profile = await bindRealNameAs(t, token, 'driver-ride-hailing');
    expect(profile).toMatchObject({
      id: accountId,
      holder: { kind: 'PERSON', nameMasked: '陈*', idNumberMasked: '4401**********2042' },
    });
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.holderId).toBe(profile.holder.id);
    expect(account.realNameBoundAt).not.toBeNull();
    const [row] = (await auditRows(t, 'real_name.bind')).filter((r) => r.actorId === accountId);
    expect(row).toMatchObject({
      outcome: 'OK',
      subjectType: 'holder',
      subjectId: profile.holder.id,
      detail: { reason: 'matched' },
    });
    const dump = JSON.stringify(await t.prisma.auditLog.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(dump).not.toContain(person.identityCode);
    expect(dump).not.toContain(person.name);
    // Binding again with the same data is a no-op; someone else's data is refused.
    expect((await bind(token, person.name, person.identityCode)).status).toBe(200);
    const other = demo('driver-ic');
    const res = await bind(token, other.name, other.identityCode);
    expect(res.status).toBe(409);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).holderId).toBe(profile.holder.id);
  });

  it('answers every mismatch identically: unknown ID, wrong name, holder bound to another account', async () => {
    const victim = demo('driver-missing-data');
    const owner = await signInAccount(t);
    await bindRealNameAs(t, owner.token, 'driver-missing-data');

    const answers = [];
    for (const [name, idNumber] of [
      ['王小明', citizenId('44010619800101123')], // valid check digit, no such holder
      ['刘阳', victim.identityCode], // real ID, wrong name
      [victim.name, victim.identityCode], // correct, but already bound to `owner`
    ] as const) {
      const { token } = await signInAccount(t);
      await grantConsents(t, token, ['PRIVACY_POLICY', 'ID_NUMBER']);
      const res = await bind(token, name, idNumber);
      answers.push({
        status: res.status,
        body: withoutRequestId(res.json),
        retryAfter: res.headers.get('retry-after'),
      });
    }
    expect(answers[0]).toEqual({
      status: 400,
      body: {
        code: 'REAL_NAME_MISMATCH',
        message: '姓名与身份证号码不匹配，或未查询到您的持证信息',
        requestId: undefined,
      },
      retryAfter: null,
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // The binding did not move, and the attempt on a bound holder is on record.
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: owner.accountId } })).holderId).not.toBeNull();
    expect(
      (await auditRows(t, 'real_name.bind'))
        .filter((r) => r.outcome === 'FAILED')
        .map((r) => (r.detail as { reason: string }).reason),
    ).toEqual(expect.arrayContaining(['id_unknown', 'name_mismatch', 'holder_bound_elsewhere']));
  });

  it('refuses an ID number with a wrong check digit as invalid input (not a counted mismatch)', async () => {
    const { token, accountId } = await signInAccount(t);
    await grantConsents(t, token, ['PRIVACY_POLICY', 'ID_NUMBER']);
    const bad = person.identityCode.slice(0, 17) + (person.identityCode.endsWith('0') ? '1' : '0');
    const res = await bind(token, person.name, bad);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'VALIDATION_FAILED', fields: { idNumber: expect.any(String) } });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).realNameFailures).toBe(0);
  });

  it(`locks the account for 24 h after ${realNameLimits.maxFailures} mismatches within 24 h, even for the right data`, async () => {
    const { token, accountId } = await signInAccount(t);
    await grantConsents(t, token, ['PRIVACY_POLICY', 'ID_NUMBER']);
    const codes = [];
    for (let i = 0; i < realNameLimits.maxFailures; i += 1)
      codes.push((await bind(token, '钱多多', citizenId(`4401061990010${100 + i}1`))).json.code);
    expect(codes).toEqual([...Array(realNameLimits.maxFailures - 1).fill('REAL_NAME_MISMATCH'), 'REAL_NAME_LOCKED']);

    const lapsed = demo('driver-lapsed');
    const locked = await bind(token, lapsed.name, lapsed.identityCode);
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe('REAL_NAME_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    expect(locked.json.retryAfterSeconds).toBe(Number(locked.headers.get('retry-after')));
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.holderId).toBeNull();
    expect(account.realNameLockedTill!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    // After the lock has run out, the right data binds.
    await t.prisma.account.update({
      where: { id: accountId },
      data: { realNameLockedTill: new Date(Date.now() - 1000) },
    });
    expect((await bind(token, lapsed.name, lapsed.identityCode)).status).toBe(200);
  });

  it('counts failures in a 24 h window: older failures do not add up to a lock', async () => {
    const { token, accountId } = await signInAccount(t);
    await grantConsents(t, token, ['PRIVACY_POLICY', 'ID_NUMBER']);
    await t.prisma.account.update({
      where: { id: accountId },
      data: {
        realNameFailures: realNameLimits.maxFailures - 1,
        realNameFailuresSince: new Date(Date.now() - 25 * 3600_000),
      },
    });
    const res = await bind(token, '钱多多', citizenId('44010619900101991'));
    expect(res.json.code).toBe('REAL_NAME_MISMATCH');
    expect(await t.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).toMatchObject({
      realNameFailures: 1,
      realNameLockedTill: null,
    });
  });

  it('leaves the audit chain intact', async () => {
    expect(await verifyAuditChain(t.prisma)).toMatchObject({ ok: true });
  });
});
