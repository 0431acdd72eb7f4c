import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { auditRows, bindRealNameAs, demo, passStandInFace } from '../../test/identity-steps';
import { verifyAuditChain } from '../../lib/audit';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const activate = (token: string, id: string) =>
  t.api(`/api/v1/me/certificates/${id}/activate`, { token, method: 'POST' });
const certificateOf = async (key: Parameters<typeof demo>[0], carrier: 'PAPER' | 'IC_CARD' | 'ELECTRONIC') => {
  const holder = await t.prisma.holder.findUniqueOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo(key).identityCode, 'id-number') },
  });
  return t.prisma.certificate.findFirstOrThrow({ where: { holderId: holder.id, carrier } });
};

describe('POST /api/v1/me/certificates/:id/activate', () => {
  it('needs an account bound by real name', async () => {
    const certificate = await certificateOf('driver-ride-hailing', 'ELECTRONIC');
    const unbound = await signInAccount(t);
    const res = await activate(unbound.token, certificate.id);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('REAL_NAME_REQUIRED');
  });

  it("activates the holder's own electronic certificate after a fresh face check, with event and audit record", async () => {
    const certificate = await certificateOf('driver-ride-hailing', 'ELECTRONIC');
    const { token, accountId } = await signInAccount(t);
    await bindRealNameAs(t, token, 'driver-ride-hailing');

    let res = await activate(token, certificate.id);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('FACE_VERIFICATION_REQUIRED');

    // A pass older than the window does not count.
    await passStandInFace(t, token);
    await t.prisma.faceVerification.updateMany({
      where: { accountId },
      data: { verifiedAt: new Date(Date.now() - 10 * 60_000 - 5_000) },
    });
    expect((await activate(token, certificate.id)).json.code).toBe('FACE_VERIFICATION_REQUIRED');

    // Status refusals come with the reason.
    await t.prisma.certificate.update({ where: { id: certificate.id }, data: { status: 'EXPIRED' } });
    res = await activate(token, certificate.id);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'NOT_ACTIVATABLE', message: '证照状态为已过期，不能激活' });
    await t.prisma.certificate.update({ where: { id: certificate.id }, data: { status: 'VALID' } });

    const face = await passStandInFace(t, token);
    expect(face.passed).toBe(true);
    res = await activate(token, certificate.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: certificate.id, activated: true, carrier: 'ELECTRONIC', operatorName: null });

    const row = await t.prisma.certificate.findUniqueOrThrow({
      where: { id: certificate.id },
      include: { events: true },
    });
    expect(row.activatedByAccountId).toBe(accountId);
    expect(row.activatedAt).not.toBeNull();
    expect(row.events).toEqual([
      expect.objectContaining({ kind: 'ACTIVATED', actorKind: 'ACCOUNT', actorId: accountId }),
    ]);
    const ok = (await auditRows(t, 'certificate.activate')).filter((r) => r.outcome === 'OK');
    expect(ok).toEqual([
      expect.objectContaining({ actorKind: 'ACCOUNT', actorId: accountId, subjectId: certificate.id }),
    ]);

    const detail = await t.api(`/api/v1/me/certificates/${certificate.id}`, { token });
    expect(detail.json.events).toEqual([{ kind: 'ACTIVATED', at: row.activatedAt!.toISOString(), actor: '本人' }]);
    expect((await t.api('/api/v1/me/certificates', { token })).json.items[0]).toMatchObject({
      id: certificate.id,
      activated: true,
    });

    res = await activate(token, certificate.id);
    expect(res.json).toMatchObject({ code: 'NOT_ACTIVATABLE', message: '该电子证照已激活，无需重复激活' });
  });

  it('refuses paper and IC-card certificates, and already active ones, each with its reason', async () => {
    for (const [key, carrier, message] of [
      ['driver-paper', 'PAPER', '纸质/IC卡证无需激活，可申请换发电子证照'],
      ['driver-ic', 'IC_CARD', '纸质/IC卡证无需激活，可申请换发电子证照'],
      ['driver-electronic', 'ELECTRONIC', '该电子证照已激活，无需重复激活'],
    ] as const) {
      const { token } = await signInAccount(t);
      await bindRealNameAs(t, token, key);
      await passStandInFace(t, token);
      const res = await activate(token, (await certificateOf(key, carrier)).id);
      expect(res.status, key).toBe(409);
      expect(res.json).toMatchObject({ code: 'NOT_ACTIVATABLE', message });
    }
  });

  it('activates once under concurrent requests: one event, one success', async () => {
    const certificate = await certificateOf('driver-missing-data', 'PAPER');
    await t.prisma.certificate.update({ where: { id: certificate.id }, data: { carrier: 'ELECTRONIC' } });
    const { token } = await signInAccount(t);
    await bindRealNameAs(t, token, 'driver-missing-data');
    await passStandInFace(t, token);
    const results = await Promise.all(Array.from({ length: 4 }, () => activate(token, certificate.id)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await t.prisma.certificateEvent.count({ where: { certificateId: certificate.id, kind: 'ACTIVATED' } })).toBe(
      1,
    );
    // One aggregation version for the one activation that happened (docs/aggregation.md).
    expect(
      await t.prisma.aggregationOutbox.count({ where: { certificateId: certificate.id, event: 'ACTIVATED' } }),
    ).toBe(1);
  });

  it('leaves the audit chain intact', async () => {
    expect(await verifyAuditChain(t.prisma)).toMatchObject({ ok: true });
  });
});
