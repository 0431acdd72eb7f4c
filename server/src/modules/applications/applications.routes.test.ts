import { createPublicKey, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificateIdentifier } from '@roadcert/shared';
import { uuidv7 } from '../../lib/uuidv7';
import { demoHolders } from '../../../../prisma/seed/demo-holders';
import { demoStaff } from '../../../../prisma/seed/staff';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { verifyCanonical, type CanonicalCertificateData } from './issuance';

/** ISO 7064 MOD 37,36 written out again here, so the check is not the code under test checking itself. */
function iso7064Mod3736(body: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let p = 36;
  for (const c of body) {
    const s = (p + alphabet.indexOf(c)) % 36;
    p = ((s === 0 ? 36 : s) * 2) % 37;
  }
  return alphabet[(37 - p) % 36]!;
}

let t: TestApp;
let reviewer: string;
beforeAll(async () => {
  t = await startTestApp();
  reviewer = await staffToken();
});
afterAll(() => t?.close());

/** A live staff session for the seeded reviewer (region 440100), created directly. */
async function staffToken(username = demoStaff.username) {
  const staff = await t.prisma.staffUser.findUniqueOrThrow({ where: { username } });
  const id = uuidv7();
  const expiresAt = new Date(Date.now() + 3600_000);
  await t.prisma.session.create({ data: { id, staffUserId: staff.id, refreshTokenHash: t.deps.sessionTokens.issueRefresh(id).hash, platform: 'h5', expiresAt } });
  return t.deps.sessionTokens.issue(id, expiresAt);
}

/** One account per seeded person (a person binds to one account only). */
const accounts = new Map<string, Awaited<ReturnType<typeof signInAccount>>>();
async function signInAs(holderKey: string) {
  if (!accounts.has(holderKey)) accounts.set(holderKey, await signInAccount(t, { holderKey }));
  return accounts.get(holderKey)!;
}

const holderOf = (key: string) => {
  const demo = demoHolders.find((h) => h.key === key)!;
  return t.prisma.holder.findFirstOrThrow({ where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo.identityCode, 'id-number') } });
};
const certificateOf = async (key: string, carrier: 'PAPER' | 'IC_CARD' | 'ELECTRONIC') =>
  t.prisma.certificate.findFirstOrThrow({ where: { holderId: (await holderOf(key)).id, carrier, typeCode: 'D071' }, orderBy: { createdAt: 'asc' } });

const start = (token: string, body: unknown) => t.api('/api/v1/me/applications', { token, body });
const submit = (token: string, id: string, idempotencyKey = randomUUID()) => t.api(`/api/v1/me/applications/${id}/submit`, { token, body: { idempotencyKey } });
const staffPost = (id: string, action: string, body: unknown = {}) => t.api(`/api/v1/staff/applications/${id}/${action}`, { token: reviewer, body });

describe('conversion of 张伟’s paper 从业资格证 to an electronic one', () => {
  let token: string;
  let applicationId: string;

  it('starts a draft prefilled from the holder and the paper certificate, with the requirements', async () => {
    token = (await signInAs('driver-paper')).token;
    const paper = await certificateOf('driver-paper', 'PAPER');
    const res = await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paper.id });
    expect(res.status, res.text).toBe(201);
    applicationId = res.json.id;
    expect(res.json).toMatchObject({ state: 'DRAFT', kind: 'CONVERSION', kindLabel: '纸质/IC卡证换领电子证', areaCode: '440100', baseCertificateId: paper.id });
    expect(res.json.formData).toMatchObject({ holderName: '张伟', licenceClasses: 'A2', qualificationCategory: '02001' });
    expect(JSON.stringify(res.json.formData)).not.toContain('440106198503124518');
    expect(res.json.requirements.documents.length).toBeGreaterThan(0);
    expect(res.json.timeline.map((e: { toState: string }) => e.toState)).toEqual(['DRAFT']);
  });

  it('saves the draft; a second application on the same certificate is refused while this one is open', async () => {
    const saved = await t.api(`/api/v1/me/applications/${applicationId}/draft`, { token, method: 'PUT', body: { formData: { holderName: '张伟', licenceClasses: 'A1' } } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.formData).toEqual({ holderName: '张伟', licenceClasses: 'A1' });
    const paper = await certificateOf('driver-paper', 'PAPER');
    expect((await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paper.id })).json.code).toBe('APPLICATION_NOT_ALLOWED');
  });

  it('submits idempotently: a double tap answers the same application, one SUBMITTED event', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([submit(token, applicationId, key), submit(token, applicationId, key)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.id).toBe(applicationId);
    expect(b.json.id).toBe(applicationId);
    const again = await submit(token, applicationId, key);
    expect(again.status).toBe(200);
    expect(again.json.state).toBe('SUBMITTED');
    expect(await t.prisma.applicationEvent.count({ where: { applicationId, toState: 'SUBMITTED' } })).toBe(1);
    expect(await t.prisma.application.count({ where: { holderId: (await holderOf('driver-paper')).id } })).toBe(1);
    // Submitted: no more edits, no submit with another key.
    expect((await t.api(`/api/v1/me/applications/${applicationId}/draft`, { token, method: 'PUT', body: { formData: {} } })).json.code).toBe('APPLICATION_STATE_INVALID');
    expect((await submit(token, applicationId)).json.code).toBe('APPLICATION_STATE_INVALID');
  });

  it('appears in the reviewer’s queue; the detail shows the diff against the paper certificate', async () => {
    const queue = await t.api('/api/v1/staff/applications?typeCode=D071&kind=CONVERSION', { token: reviewer });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.json.items.map((i: { id: string }) => i.id)).toContain(applicationId);
    expect((await t.api('/api/v1/staff/applications?minAgeDays=3', { token: reviewer })).json.items.map((i: { id: string }) => i.id)).not.toContain(applicationId);
    const detail = await t.api(`/api/v1/staff/applications/${applicationId}`, { token: reviewer });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.json.diff).toEqual([{ field: 'licenceClasses', current: 'A2', proposed: 'A1' }]);
  });

  it('a holder token on a staff route is refused', async () => {
    expect((await t.api('/api/v1/staff/applications', { token })).status).toBe(403);
  });

  it('review → return with per-field reasons → correct → resubmit', async () => {
    expect((await staffPost(applicationId, 'start-review')).json.state).toBe('IN_REVIEW');
    expect((await staffPost(applicationId, 'start-review')).json.code).toBe('APPLICATION_STATE_INVALID');
    const returned = await staffPost(applicationId, 'return', { reasons: { licenceClasses: '准驾车型与驾驶证不一致，请按驾驶证填写' } });
    expect(returned.status, returned.text).toBe(200);
    const seen = await t.api(`/api/v1/me/applications/${applicationId}`, { token });
    expect(seen.json).toMatchObject({ state: 'RETURNED', returnReasons: { licenceClasses: '准驾车型与驾驶证不一致，请按驾驶证填写' } });
    expect((await staffPost(applicationId, 'approve')).json.code).toBe('APPLICATION_STATE_INVALID');
    const bad = await t.api(`/api/v1/me/applications/${applicationId}/draft`, { token, method: 'PUT', body: { formData: { holderName: '张伟', licenceClasses: 'Z9', firstIssuedDate: '2009-02-30' } } });
    expect(bad.status).toBe(200);
    const refused = await submit(token, applicationId);
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(refused.json.fields).sort()).toEqual(['firstIssuedDate', 'licenceClasses']);
    const fixed = await t.api(`/api/v1/me/applications/${applicationId}/draft`, { token, method: 'PUT', body: { formData: { holderName: '张伟', licenceClasses: 'A2' } } });
    expect(fixed.status).toBe(200);
    expect((await submit(token, applicationId)).json.state).toBe('SUBMITTED');
  });

  it('approval issues a signed electronic certificate in one go; the paper one becomes 已换发', async () => {
    const paper = await certificateOf('driver-paper', 'PAPER');
    const res = await staffPost(applicationId, 'approve');
    expect(res.status, res.text).toBe(200);
    expect(res.json.state).toBe('ISSUED');
    expect(res.json.timeline.map((e: { toState: string }) => e.toState)).toEqual(['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED', 'SUBMITTED', 'APPROVED', 'ISSUED']);
    const issued = await t.prisma.certificate.findUniqueOrThrow({ where: { id: res.json.issuedCertificateId } });
    expect(issued).toMatchObject({ carrier: 'ELECTRONIC', status: 'VALID', issueReason: 'REPLACEMENT', version: 1, holderId: paper.holderId, issuingAuthority: '广州市交通运输局', numberMasked: paper.numberMasked, numberHash: paper.numberHash, signatureAlg: 'SM2-SM3', signatureKeyId: t.deps.keys.signing.kid, activatedAt: null });
    expect(issued.validUntil?.toISOString()).toBe(paper.validUntil?.toISOString());
    expect(t.deps.fieldCrypto.decrypt(issued.numberEnc, 'certificateNumber')).toBe('440106198503124518');

    // The identifier's check character, recomputed independently of buildCertificateIdentifier.
    const identifier = issued.identifier!;
    const parsed = parseCertificateIdentifier(identifier);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    const body = identifier.slice('1.2.156.3005.2.'.length, -2);
    expect(identifier.at(-2)).toBe('.');
    expect(identifier.at(-1)).toBe(iso7064Mod3736(body.replaceAll('.', '')));
    expect(identifier).toContain(paper.issuingAuthorityCode);
    expect(identifier).toContain(issued.serial!);

    const old = await t.prisma.certificate.findUniqueOrThrow({ where: { id: paper.id } });
    expect(old).toMatchObject({ status: 'REPLACED', replacedById: issued.id, statusReason: '已换发电子证照' });
    expect((await t.prisma.certificateEvent.findMany({ where: { certificateId: paper.id } })).map((e) => e.kind)).toContain('REPLACED');
    expect((await t.prisma.certificateEvent.findMany({ where: { certificateId: issued.id } })).map((e) => e.kind)).toEqual(['ISSUED']);

    // The outbox row, and the signature over the canonical data verifying with the public key.
    const outbox = await t.prisma.aggregationOutbox.findFirstOrThrow({ where: { certificateId: issued.id } });
    expect(outbox).toMatchObject({ event: 'ISSUED', state: 'PENDING', dedupeKey: `ISSUED:${issued.id}` });
    const payload = outbox.payload as Record<string, string>;
    const canonical = t.deps.fieldCrypto.decrypt(Buffer.from(payload.canonicalEnc!, 'base64'), 'aggregation.canonical');
    expect(JSON.stringify(outbox.payload)).not.toContain('440106198503124518');
    const data = JSON.parse(canonical) as CanonicalCertificateData;
    expect(data).toMatchObject({ identifier, number: '440106198503124518', holderName: '张伟', carrier: 'ELECTRONIC', typeCode: '11100000000019713D071' });
    const published = await t.prisma.signingKey.findUniqueOrThrow({ where: { kid: issued.signatureKeyId! } });
    const publicKey = createPublicKey({ key: Buffer.from(published.publicKey), format: 'der', type: 'spki' });
    expect(verifyCanonical(data, issued.signature!, publicKey)).toBe(true);
    expect(verifyCanonical({ ...data, holderName: '张伟伟' }, issued.signature!, publicKey)).toBe(false);

    expect(await t.prisma.auditLog.count({ where: { action: 'application.approve', subjectId: applicationId, outcome: 'OK' } })).toBe(1);
    // Final: no decision after issuance.
    expect((await staffPost(applicationId, 'reject', { reason: 'x' })).json.code).toBe('APPLICATION_STATE_INVALID');
  });

  it('the holder sees the new electronic certificate and the old one 已换发', async () => {
    const list = await t.api('/api/v1/me/certificates', { token });
    const statuses = list.json.items.map((i: { carrier: string; status: string }) => `${i.carrier}:${i.status}`).sort();
    expect(statuses).toEqual(['ELECTRONIC:VALID', 'PAPER:REPLACED']);
  });
});

describe('rules', () => {
  it('someone else’s certificate or application: 404, audited', async () => {
    const stranger = await signInAs('driver-electronic');
    const ic = await certificateOf('driver-ic', 'IC_CARD');
    const res = await start(stranger.token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: ic.id });
    expect(res.status).toBe(404);
    expect(await t.prisma.auditLog.count({ where: { action: 'certificate.access_denied', subjectId: ic.id, actorId: stranger.accountId } })).toBe(1);

    const owner = await signInAs('driver-ic');
    const own = await start(owner.token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: ic.id });
    expect(own.status, own.text).toBe(201);
    for (const path of [`/api/v1/me/applications/${own.json.id}`, '/api/v1/me/applications/not-a-uuid']) {
      expect((await t.api(path, { token: stranger.token })).status).toBe(404);
    }
    expect((await submit(stranger.token, own.json.id)).status).toBe(404);
    expect(await t.prisma.auditLog.count({ where: { action: 'application.access_denied', subjectId: own.json.id, actorId: stranger.accountId } })).toBe(2);
    expect((await t.api('/api/v1/me/applications', { token: stranger.token })).json.items).toEqual([]);

    // 李娜's IC card is 深圳's (440300): outside the 广州 reviewer's region → 404, audited.
    expect((await submit(owner.token, own.json.id)).status).toBe(200);
    expect((await t.api(`/api/v1/staff/applications/${own.json.id}`, { token: reviewer })).status).toBe(404);
    expect((await staffPost(own.json.id, 'approve')).status).toBe(404);
    expect((await t.api('/api/v1/staff/applications', { token: reviewer })).json.items.map((i: { id: string }) => i.id)).not.toContain(own.json.id);
    expect(await t.prisma.auditLog.count({ where: { action: 'application.access_denied', subjectId: own.json.id, actorKind: 'STAFF' } })).toBe(2);
  });

  it('孙丽’s 从业资格证 lapsed more than 180 days: RENEWAL refused (只能重新申领), INITIAL allowed', async () => {
    const { token } = await signInAs('driver-lapsed');
    const lapsed = await certificateOf('driver-lapsed', 'PAPER');
    expect(lapsed.status).toBe('EXPIRED');
    const res = await start(token, { typeCode: 'D071', kind: 'RENEWAL', baseCertificateId: lapsed.id });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('RENEWAL_NOT_ALLOWED');
    expect((await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: lapsed.id })).json.code).toBe('APPLICATION_NOT_ALLOWED');
    const initial = await start(token, { typeCode: 'D071', kind: 'INITIAL' });
    expect(initial.status, initial.text).toBe(201);
  });

  it('an electronic certificate cannot be “converted”; kinds acting on a certificate need one', async () => {
    const { token } = await signInAs('driver-electronic');
    const electronic = await certificateOf('driver-electronic', 'ELECTRONIC');
    expect((await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: electronic.id })).json.code).toBe('APPLICATION_NOT_ALLOWED');
    expect((await start(token, { typeCode: 'D071', kind: 'REISSUE' })).json.code).toBe('VALIDATION_FAILED');
    expect((await start(token, { typeCode: 'D013', kind: 'REISSUE', baseCertificateId: electronic.id })).json.code).toBe('APPLICATION_NOT_ALLOWED');
  });

  it('CHANGE of an electronic certificate keeps the serial and bumps the version; reject is final', async () => {
    const { token } = await signInAs('driver-electronic');
    const electronic = await certificateOf('driver-electronic', 'ELECTRONIC');
    const change = await start(token, { typeCode: 'D071', kind: 'CHANGE', baseCertificateId: electronic.id });
    expect(change.status, change.text).toBe(201);
    await t.api(`/api/v1/me/applications/${change.json.id}/draft`, { token, method: 'PUT', body: { formData: { licenceClasses: 'A2' } } });
    expect((await submit(token, change.json.id)).status).toBe(200);
    const approved = await staffPost(change.json.id, 'approve');
    expect(approved.status, approved.text).toBe(200);
    const issued = await t.prisma.certificate.findUniqueOrThrow({ where: { id: approved.json.issuedCertificateId } });
    expect(issued).toMatchObject({ serial: electronic.serial, version: electronic.version + 1, issueReason: 'CHANGE' });
    expect((issued.extension as Record<string, unknown>).licenceClasses).toBe('A2');
    expect(parseCertificateIdentifier(issued.identifier!).ok).toBe(true);
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: electronic.id } })).status).toBe('REPLACED');

    // A new application on the new certificate, rejected: final.
    const reissue = await start(token, { typeCode: 'D071', kind: 'REISSUE', baseCertificateId: issued.id });
    expect((await submit(token, reissue.json.id)).status).toBe(200);
    const rejected = await staffPost(reissue.json.id, 'reject', { reason: '申请材料不实' });
    expect(rejected.json).toMatchObject({ state: 'REJECTED', rejectReason: '申请材料不实' });
    for (const action of ['approve', 'start-review']) expect((await staffPost(reissue.json.id, action)).status).toBe(409);
    expect((await staffPost(reissue.json.id, 'return', { reasons: { a: 'b' } })).status).toBe(409);
    expect((await submit(token, reissue.json.id)).json.code).toBe('APPLICATION_STATE_INVALID');
    expect(await t.prisma.auditLog.count({ where: { action: 'application.approve', subjectId: reissue.json.id, outcome: 'DENIED' } })).toBe(1);
  });

  it('two parallel approvals: exactly one certificate issued, the other answers 409', async () => {
    const { token } = await signInAs('driver-missing-data');
    const paper = await certificateOf('driver-missing-data', 'PAPER');
    const app = await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paper.id });
    expect((await submit(token, app.json.id)).status).toBe(200);
    const results = await Promise.all([staffPost(app.json.id, 'approve'), staffPost(app.json.id, 'approve')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.json.code).toBe('APPLICATION_STATE_INVALID');
    expect(await t.prisma.certificate.count({ where: { holderId: paper.holderId, carrier: 'ELECTRONIC' } })).toBe(1);
    expect(await t.prisma.aggregationOutbox.count({ where: { certificate: { holderId: paper.holderId } } })).toBe(1);
    expect((await t.prisma.application.findUniqueOrThrow({ where: { id: app.json.id } })).state).toBe('ISSUED');
  });
});
