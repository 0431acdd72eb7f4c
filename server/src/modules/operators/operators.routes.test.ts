import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, creditCode } from '../../seed/demo-holders';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { auditRows, bindRealNameAs, demo, passStandInFace } from '../../test/identity-steps';
import { verifyAuditChain } from '../../lib/audit';

let t: TestApp;
let rep: { token: string; accountId: string; phone: string };
let operatorId: string;
const operator = demo('operator');
const legalRep = demo('operator-legal-rep');
const activation = {
  creditCode: operator.identityCode,
  legalRepName: legalRep.name,
  legalRepIdNumber: legalRep.identityCode,
};

beforeAll(async () => {
  t = await startTestApp();
  rep = await signInAccount(t);
  await bindRealNameAs(t, rep.token, 'operator-legal-rep');
  operatorId = (await t.prisma.holder.findUniqueOrThrow({ where: { creditCode: operator.identityCode } })).id;
});
afterAll(() => t?.close());

const activateOperator = (token: string, body: Record<string, string>) =>
  t.api('/api/v1/operators/activate', { token, body });
const members = (token: string, id = operatorId) => t.api(`/api/v1/operators/${id}/members`, { token });
const addMember = (token: string, phone: string, role: string) =>
  t.api(`/api/v1/operators/${operatorId}/members`, { token, body: { phone, role } });
const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
const vehicleCertificate = async (plate: string) =>
  t.prisma.certificate.findFirstOrThrow({ where: { vehicle: { plateNumber: plate } } });

describe('POST /api/v1/operators/activate', () => {
  it('needs a bound holder', async () => {
    const unbound = await signInAccount(t);
    expect((await activateOperator(unbound.token, activation)).json.code).toBe('REAL_NAME_REQUIRED');
  });

  it('answers every mismatch like a real-name mismatch: unknown USCC, wrong representative ID, caller not the representative', async () => {
    const someone = await signInAccount(t);
    await bindRealNameAs(t, someone.token, 'driver-paper');
    const answers = [];
    for (const [token, body] of [
      [rep.token, { ...activation, creditCode: creditCode('91440101', 'MA5CXT9K') }],
      [rep.token, { ...activation, legalRepIdNumber: citizenId('44010419700315339') }],
      [someone.token, activation],
    ] as const) {
      const res = await activateOperator(token, body);
      answers.push({ status: res.status, body: strip(res.json) });
    }
    expect(answers[0]).toEqual({ status: 400, body: expect.objectContaining({ code: 'REAL_NAME_MISMATCH' }) });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((await auditRows(t, 'operator.activate')).map((r) => (r.detail as { reason: string }).reason)).toEqual([
      'operator_unknown',
      'legal_rep_mismatch',
      'caller_not_legal_rep',
    ]);
    // Mismatches count towards the same lock as real-name binding.
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: rep.accountId } })).realNameFailures).toBe(2);
    expect(await t.prisma.operatorMember.count()).toBe(0);
  });

  it("makes the legal representative's account the operator's LEGAL_REPRESENTATIVE; again is a no-op", async () => {
    const res = await activateOperator(rep.token, activation);
    expect(res.status).toBe(200);
    expect(res.json.operators).toEqual([{ operatorId, name: operator.name, role: 'LEGAL_REPRESENTATIVE' }]);
    expect((await activateOperator(rep.token, activation)).status).toBe(200);
    expect(await t.prisma.operatorMember.count({ where: { operatorId } })).toBe(1);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: rep.accountId } })).realNameFailures).toBe(0);
    const list = await t.api('/api/v1/me/certificates', { token: rep.token });
    expect(list.json.items).toHaveLength(6);
    expect(
      list.json.items.every(
        (c: { operatorName: string; operatorRole: string }) =>
          c.operatorName === operator.name && c.operatorRole === 'LEGAL_REPRESENTATIVE',
      ),
    ).toBe(true);
  });
});

describe('operator staff', () => {
  let viewer: { token: string; accountId: string; phone: string };
  let manager: { token: string; accountId: string; phone: string };
  let viewerMemberId: string;

  beforeAll(async () => {
    viewer = await signInAccount(t);
    manager = await signInAccount(t);
  });

  it('the legal representative authorises accounts that have signed in, by phone', async () => {
    const added = await addMember(rep.token, viewer.phone, 'VIEWER');
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      phoneMasked: `${viewer.phone.slice(0, 3)}****${viewer.phone.slice(-4)}`,
      nameMasked: null,
      role: 'VIEWER',
      revokedAt: null,
    });
    expect(added.text).not.toContain(viewer.phone);
    viewerMemberId = added.json.id;
    expect((await addMember(rep.token, manager.phone, 'MANAGER')).status).toBe(201);

    const unknown = await addMember(rep.token, '13700000000', 'VIEWER');
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toContain('先用该手机号登录一次');
    // The legal representative's own role is not changed here.
    expect((await addMember(rep.token, rep.phone, 'VIEWER')).status).toBe(409);

    const list = await members(rep.token);
    expect(list.json.items.map((m: { role: string }) => m.role).sort()).toEqual([
      'LEGAL_REPRESENTATIVE',
      'MANAGER',
      'VIEWER',
    ]);
    const row = await t.prisma.operatorMember.findUniqueOrThrow({ where: { id: viewerMemberId } });
    expect(row.grantedById).toBe(rep.accountId);
  });

  it('nobody but the legal representative manages staff: 404 and an audit record', async () => {
    for (const res of [
      await members(viewer.token),
      await members(manager.token),
      await addMember(manager.token, viewer.phone, 'MANAGER'),
      await members(rep.token, 'not-an-id'),
    ]) {
      expect(res.status).toBe(404);
    }
    const denied = (await auditRows(t, 'operator.access_denied')).map((r) => r.actorId);
    expect(denied).toEqual([viewer.accountId, manager.accountId, manager.accountId, rep.accountId]);
  });

  it("a VIEWER reads the operator's certificates but cannot activate them", async () => {
    const list = await t.api('/api/v1/me/certificates', { token: viewer.token });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(6);
    expect(list.json.items[0]).toMatchObject({ operatorName: operator.name, operatorRole: 'VIEWER' });
    const certificate = await vehicleCertificate('粤A6M2X9');
    expect((await t.api(`/api/v1/me/certificates/${certificate.id}`, { token: viewer.token })).status).toBe(200);

    await bindRealNameAs(t, viewer.token, 'driver-electronic');
    await passStandInFace(t, viewer.token);
    const res = await t.api(`/api/v1/me/certificates/${certificate.id}/activate`, {
      token: viewer.token,
      method: 'POST',
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('FORBIDDEN');
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: certificate.id } })).activatedAt).toBeNull();
    const [denied] = (await auditRows(t, 'certificate.access_denied')).filter((r) => r.actorId === viewer.accountId);
    expect(denied).toMatchObject({ subjectId: certificate.id, detail: { need: 'act', reason: 'viewer_cannot_act' } });
  });

  it('a MANAGER activates, and the event and audit record name that person', async () => {
    const certificate = await vehicleCertificate('粤A6M2X9');
    await bindRealNameAs(t, manager.token, 'driver-lapsed');
    await passStandInFace(t, manager.token);
    const res = await t.api(`/api/v1/me/certificates/${certificate.id}/activate`, {
      token: manager.token,
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      activated: true,
      operatorName: operator.name,
      operatorRole: 'MANAGER',
      plateNumber: '粤A6M2X9',
    });
    const event = await t.prisma.certificateEvent.findFirstOrThrow({ where: { certificateId: certificate.id } });
    expect(event).toMatchObject({
      kind: 'ACTIVATED',
      actorKind: 'ACCOUNT',
      actorId: manager.accountId,
      detail: expect.objectContaining({ via: 'operator', role: 'MANAGER' }),
    });
    const [audit] = (await auditRows(t, 'certificate.activate')).filter((r) => r.outcome === 'OK');
    expect(audit).toMatchObject({ actorId: manager.accountId, subjectId: certificate.id });
    // The legal representative sees who did it as an authorised person, not an account id.
    const detail = await t.api(`/api/v1/me/certificates/${certificate.id}`, { token: rep.token });
    expect(detail.json.events).toEqual([expect.objectContaining({ kind: 'ACTIVATED', actor: '授权经办人' })]);
    expect(detail.text).not.toContain(manager.accountId);
  });

  it('a revoked member loses access at once (404 + audit); the legal representative cannot be revoked', async () => {
    const certificate = await vehicleCertificate('粤A3K7Q2');
    expect((await t.api(`/api/v1/me/certificates/${certificate.id}`, { token: viewer.token })).status).toBe(200);
    const revoked = await t.api(`/api/v1/operators/${operatorId}/members/${viewerMemberId}`, {
      token: rep.token,
      method: 'DELETE',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();

    expect((await t.api(`/api/v1/me/certificates/${certificate.id}`, { token: viewer.token })).status).toBe(404);
    const own = await t.api('/api/v1/me/certificates', { token: viewer.token });
    expect(own.json.items.every((c: { operatorName: string | null }) => c.operatorName === null)).toBe(true);
    expect(
      (await auditRows(t, 'certificate.access_denied'))
        .filter((r) => r.actorId === viewer.accountId)
        .map((r) => r.subjectId),
    ).toContain(certificate.id);

    const repMember = await t.prisma.operatorMember.findFirstOrThrow({
      where: { operatorId, role: 'LEGAL_REPRESENTATIVE' },
    });
    expect(
      (await t.api(`/api/v1/operators/${operatorId}/members/${repMember.id}`, { token: rep.token, method: 'DELETE' }))
        .status,
    ).toBe(409);
    expect(
      (await t.api(`/api/v1/operators/${operatorId}/members/not-an-id`, { token: rep.token, method: 'DELETE' })).status,
    ).toBe(404);
    expect(
      (
        await t.api(`/api/v1/operators/${operatorId}/members/${viewerMemberId}`, {
          token: manager.token,
          method: 'DELETE',
        })
      ).status,
    ).toBe(404);

    // Re-authorising brings access back.
    expect((await addMember(rep.token, viewer.phone, 'VIEWER')).status).toBe(201);
    expect((await t.api(`/api/v1/me/certificates/${certificate.id}`, { token: viewer.token })).status).toBe(200);
  });

  it('leaves the audit chain intact', async () => {
    expect(await verifyAuditChain(t.prisma)).toMatchObject({ ok: true });
  });
});
