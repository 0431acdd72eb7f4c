import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { auditRows, bindRealNameAs, demo } from '../../test/identity-steps';

let t: TestApp;
let alice: { token: string; accountId: string };
let ownCertificateId: string;
let othersCertificateId: string;
beforeAll(async () => {
  t = await startTestApp();
  alice = await signInAccount(t);
  await bindRealNameAs(t, alice.token, 'driver-paper');
  const holderOf = (key: Parameters<typeof demo>[0]) =>
    t.prisma.holder.findUniqueOrThrow({
      where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo(key).identityCode, 'id-number') },
    });
  ownCertificateId = (
    await t.prisma.certificate.findFirstOrThrow({ where: { holderId: (await holderOf('driver-paper')).id } })
  ).id;
  othersCertificateId = (
    await t.prisma.certificate.findFirstOrThrow({ where: { holderId: (await holderOf('driver-ride-hailing')).id } })
  ).id;
});
afterAll(() => t?.close());

const deniedFor = async (actorId: string) =>
  (await auditRows(t, 'certificate.access_denied')).filter((r) => r.actorId === actorId);
const stripRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('a holder reaches only their own certificates', () => {
  it('lists and shows their own certificate, masked, with its history', async () => {
    const list = await t.api('/api/v1/me/certificates', { token: alice.token });
    expect(list.status).toBe(200);
    expect(list.json.items.map((c: { id: string }) => c.id)).toEqual([ownCertificateId]);
    const detail = await t.api(`/api/v1/me/certificates/${ownCertificateId}`, { token: alice.token });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      id: ownCertificateId,
      holderNameMasked: '张*',
      carrier: 'PAPER',
      identifier: null,
      events: [],
      operatorName: null,
    });
    expect(detail.text).not.toContain(demo('driver-paper').identityCode);
  });

  it("gets 404 for another holder's certificate — on read and on activate — and each attempt is audited", async () => {
    const read = await t.api(`/api/v1/me/certificates/${othersCertificateId}`, { token: alice.token });
    const act = await t.api(`/api/v1/me/certificates/${othersCertificateId}/activate`, {
      token: alice.token,
      method: 'POST',
    });
    expect(read.status).toBe(404);
    expect(act.status).toBe(404);
    expect(read.json.code).toBe('NOT_FOUND');
    const denied = await deniedFor(alice.accountId);
    expect(denied.map((r) => [r.subjectType, r.subjectId, r.outcome, r.detail])).toEqual([
      ['certificate', othersCertificateId, 'DENIED', { need: 'read', reason: 'not_reachable' }],
      ['certificate', othersCertificateId, 'DENIED', { need: 'act', reason: 'not_reachable' }],
    ]);
    expect(denied[0]!.requestId).toBe(read.json.requestId);
    expect(
      (await t.prisma.certificate.findUniqueOrThrow({ where: { id: othersCertificateId } })).activatedAt,
    ).toBeNull();
  });

  it('answers a made-up id and a malformed id exactly like an existing one (404, not 500), and audits them', async () => {
    const existing = await t.api(`/api/v1/me/certificates/${othersCertificateId}`, { token: alice.token });
    const bodies = [];
    for (const id of ['0195f2c4-1b2a-7c3d-8e4f-0123456789ab', 'abc', "1' OR '1'='1", '%E4%B8%AD']) {
      const res = await t.api(`/api/v1/me/certificates/${id}`, { token: alice.token });
      expect(res.status, id).toBe(404);
      bodies.push(stripRequestId(res.json));
    }
    for (const body of bodies) expect(body).toEqual(stripRequestId(existing.json));
    expect((await t.api('/api/v1/me/certificates/abc/activate', { token: alice.token, method: 'POST' })).status).toBe(
      404,
    );
    const subjects = (await deniedFor(alice.accountId)).map((r) => r.subjectId);
    expect(subjects).toEqual(
      expect.arrayContaining(['0195f2c4-1b2a-7c3d-8e4f-0123456789ab', 'abc', "1' OR '1'='1", '中']),
    );
  });

  it('an account that is neither bound nor a member is asked to bind first, and reaches nothing', async () => {
    const stranger = await signInAccount(t);
    expect((await t.api('/api/v1/me/certificates', { token: stranger.token })).json.code).toBe('REAL_NAME_REQUIRED');
    expect((await t.api(`/api/v1/me/certificates/${ownCertificateId}`, { token: stranger.token })).status).toBe(404);
  });
});
