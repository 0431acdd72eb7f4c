import { createPublicKey, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCertificateType, parseCertificateIdentifier } from '@roadcert/shared';
import { demoHolders } from '../../seed/demo-holders';
import { demoStaff } from '../../seed/staff';
import { signInDemoHolder, staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { canonicalDataOf, verifyCanonical } from '../certificates';
import * as fixtures from '../../test/photo-fixtures';

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
const staffToken = (username = demoStaff.username) => staffSessionToken(t, username);

const signInAs = (holderKey: string) => signInDemoHolder(t, holderKey);

const holderOf = (key: string) => {
  const demo = demoHolders.find((h) => h.key === key)!;
  return t.prisma.holder.findFirstOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo.identityCode, 'id-number') },
  });
};
const certificateOf = async (key: string, carrier: 'PAPER' | 'IC_CARD' | 'ELECTRONIC') =>
  t.prisma.certificate.findFirstOrThrow({
    where: { holderId: (await holderOf(key)).id, carrier, typeCode: 'D071' },
    orderBy: { createdAt: 'asc' },
  });

const start = (token: string, body: unknown) => t.api('/api/v1/me/applications', { token, body });
const submit = (token: string, id: string, idempotencyKey = randomUUID()) =>
  t.api(`/api/v1/me/applications/${id}/submit`, { token, body: { idempotencyKey } });
const staffPost = (id: string, action: string, body: unknown = {}) =>
  t.api(`/api/v1/staff/applications/${id}/${action}`, { token: reviewer, body });
const saveDraft = (token: string, id: string, body: { formData: Record<string, unknown>; photoId?: string | null }) =>
  t.api(`/api/v1/me/applications/${id}/draft`, { token, method: 'PUT', body });

/** Uploads an accepted portrait (the real pipeline), optionally as EVIDENCE; its id. */
async function uploadPortrait(token: string, fields: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([await fixtures.portraitAs('jpeg')], { type: 'image/jpeg' }), 'portrait.jpg');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const res = await fetch(`${t.baseUrl}/api/v1/me/photos`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  const json = (await res.json()) as { photo: { id: string }; code?: string };
  if (res.status !== 201) throw new Error(`upload answered ${res.status} ${json.code}`);
  return json.photo.id;
}

/** Signed links name PUBLIC_BASE_URL; the test app listens elsewhere. */
const fetchSigned = (url: string) => {
  const u = new URL(url);
  return fetch(`${t.baseUrl}${u.pathname}${u.search}`);
};

/** Fills the form and attaches a fresh portrait: what the holder does before submitting. */
async function prepare(token: string, id: string, formData: Record<string, unknown>) {
  const photoId = await uploadPortrait(token);
  const saved = await saveDraft(token, id, { formData, photoId });
  expect(saved.status, saved.text).toBe(200);
  return photoId;
}

describe('conversion of 张伟’s paper 从业资格证 to an electronic one', () => {
  let token: string;
  let applicationId: string;
  let photoId: string;

  it('starts a draft prefilled from the holder and the paper certificate, with the requirements', async () => {
    token = (await signInAs('driver-paper')).token;
    const paper = await certificateOf('driver-paper', 'PAPER');
    const res = await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paper.id });
    expect(res.status, res.text).toBe(201);
    applicationId = res.json.id;
    expect(res.json).toMatchObject({
      state: 'DRAFT',
      kind: 'CONVERSION',
      kindLabel: '纸质/IC卡证换领电子证',
      areaCode: '440100',
      baseCertificateId: paper.id,
    });
    // 信息免填报 under the registry's keys; multiple-choice codes joined by ','.
    expect(res.json.formData).toMatchObject({
      holderName: '张伟',
      licenceClasses: 'A2',
      qualificationCategories: '02001',
      firstIssuedDate: '2009-05-20',
    });
    expect(res.json.photo).toBeNull();
    // The paper certificate has no portrait to carry over: the form asks for one up front.
    expect(res.json.photoRequired).toBe(true);
    expect(JSON.stringify(res.json.formData)).not.toContain('440106198503124518');
    expect(res.json.requirements.documents.length).toBeGreaterThan(0);
    expect(res.json.timeline.map((e: { toState: string }) => e.toState)).toEqual(['DRAFT']);
  });

  it('saves the draft; a second application on the same certificate is refused while this one is open', async () => {
    const saved = await saveDraft(token, applicationId, {
      formData: {
        holderName: '张伟',
        qualificationCategories: '02001',
        firstIssuedDate: '2009-05-20',
        licenceClasses: 'A1',
      },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.formData).toEqual({
      holderName: '张伟',
      qualificationCategories: '02001',
      firstIssuedDate: '2009-05-20',
      licenceClasses: 'A1',
    });
    const paper = await certificateOf('driver-paper', 'PAPER');
    expect((await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paper.id })).json.code).toBe(
      'APPLICATION_NOT_ALLOWED',
    );
  });

  it('submitting without a portrait is refused (fields.photoId); attaching one shows it with a signed link', async () => {
    const refused = await submit(token, applicationId);
    expect([refused.status, refused.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.json.fields).toEqual({ photoId: '请上传近期免冠白底证件照' });
    photoId = await uploadPortrait(token);
    const form = (await t.api(`/api/v1/me/applications/${applicationId}`, { token })).json.formData;
    const saved = await saveDraft(token, applicationId, { formData: form, photoId });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.photo).toEqual({ id: photoId, url: expect.stringContaining('.processed.jpg?') });
    const image = await fetchSigned(saved.json.photo.url);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(
      await t.prisma.auditLog.count({ where: { action: 'application.photo_attach', subjectId: applicationId } }),
    ).toBe(1);
    // Saving the form without photoId keeps the photo; the photo cannot be deleted while attached.
    expect((await saveDraft(token, applicationId, { formData: form })).json.photo.id).toBe(photoId);
    expect((await t.api(`/api/v1/me/photos/${photoId}`, { token, method: 'DELETE' })).json.code).toBe('PHOTO_IN_USE');
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
    expect(
      (await t.api(`/api/v1/me/applications/${applicationId}/draft`, { token, method: 'PUT', body: { formData: {} } }))
        .json.code,
    ).toBe('APPLICATION_STATE_INVALID');
    expect((await submit(token, applicationId)).json.code).toBe('APPLICATION_STATE_INVALID');
  });

  it('appears in the reviewer’s queue; the detail shows the diff against the paper certificate', async () => {
    const queue = await t.api('/api/v1/staff/applications?typeCode=D071&kind=CONVERSION', { token: reviewer });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.json.items.map((i: { id: string }) => i.id)).toContain(applicationId);
    expect(
      (await t.api('/api/v1/staff/applications?minAgeDays=3', { token: reviewer })).json.items.map(
        (i: { id: string }) => i.id,
      ),
    ).not.toContain(applicationId);
    const detail = await t.api(`/api/v1/staff/applications/${applicationId}`, { token: reviewer });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.json.diff).toEqual([{ field: 'licenceClasses', current: 'A2', proposed: 'A1' }]);
    // The reviewer sees the portrait and its original (review copy); minting that link is audited.
    expect(detail.json.photo).toEqual({
      id: photoId,
      url: expect.stringContaining('.processed.jpg?'),
      originalUrl: expect.stringContaining('.original.jpg?'),
    });
    const original = await fetchSigned(detail.json.photo.originalUrl);
    expect(original.status).toBe(200);
    expect(
      await t.prisma.auditLog.count({
        where: { action: 'photo.original_link', subjectId: photoId, actorKind: 'STAFF' },
      }),
    ).toBe(1);
    // The holder's view never carries the original.
    expect((await t.api(`/api/v1/me/applications/${applicationId}`, { token })).json.photo).not.toHaveProperty(
      'originalUrl',
    );
  });

  it('a holder token on a staff route is refused', async () => {
    expect((await t.api('/api/v1/staff/applications', { token })).status).toBe(403);
  });

  it('review → return with per-field reasons → correct → resubmit', async () => {
    expect((await staffPost(applicationId, 'start-review')).json.state).toBe('IN_REVIEW');
    expect((await staffPost(applicationId, 'start-review')).json.code).toBe('APPLICATION_STATE_INVALID');
    const returned = await staffPost(applicationId, 'return', {
      reasons: { licenceClasses: '准驾车型与驾驶证不一致，请按驾驶证填写' },
    });
    expect(returned.status, returned.text).toBe(200);
    const seen = await t.api(`/api/v1/me/applications/${applicationId}`, { token });
    expect(seen.json).toMatchObject({
      state: 'RETURNED',
      returnReasons: { licenceClasses: '准驾车型与驾驶证不一致，请按驾驶证填写' },
    });
    expect((await staffPost(applicationId, 'approve')).json.code).toBe('APPLICATION_STATE_INVALID');
    const bad = await t.api(`/api/v1/me/applications/${applicationId}/draft`, {
      token,
      method: 'PUT',
      body: { formData: { holderName: '张伟', licenceClasses: 'Z9', firstIssuedDate: '2009-02-30' } },
    });
    expect(bad.status).toBe(200);
    const refused = await submit(token, applicationId);
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('VALIDATION_FAILED');
    expect(refused.json.fields).toEqual({
      firstIssuedDate: '初领日期应为有效日期（YYYY-MM-DD）',
      licenceClasses: expect.stringContaining('无法识别'),
      qualificationCategories: '请选择从业资格类别',
    });
    const fixed = await saveDraft(token, applicationId, {
      formData: {
        holderName: '张伟',
        qualificationCategories: '02001',
        firstIssuedDate: '2009-05-20',
        licenceClasses: 'A2',
      },
    });
    expect(fixed.status).toBe(200);
    expect((await submit(token, applicationId)).json.state).toBe('SUBMITTED');
  });

  it('approval issues a signed electronic certificate in one go; the paper one becomes 已换发', async () => {
    const paper = await certificateOf('driver-paper', 'PAPER');
    const res = await staffPost(applicationId, 'approve');
    expect(res.status, res.text).toBe(200);
    expect(res.json.state).toBe('ISSUED');
    expect(res.json.timeline.map((e: { toState: string }) => e.toState)).toEqual([
      'DRAFT',
      'SUBMITTED',
      'IN_REVIEW',
      'RETURNED',
      'SUBMITTED',
      'APPROVED',
      'ISSUED',
    ]);
    const issued = await t.prisma.certificate.findUniqueOrThrow({ where: { id: res.json.issuedCertificateId } });
    expect(issued).toMatchObject({
      carrier: 'ELECTRONIC',
      status: 'VALID',
      issueReason: 'REPLACEMENT',
      version: 1,
      holderId: paper.holderId,
      issuingAuthority: '广州市交通运输局',
      numberMasked: paper.numberMasked,
      numberHash: paper.numberHash,
      signatureAlg: 'SM2-SM3',
      signatureKeyId: t.deps.keys.signing.kid,
      activatedAt: null,
    });
    expect(issued.validUntil?.toISOString()).toBe(paper.validUntil?.toISOString());
    // The attached portrait is the certificate's; the extension is in the certificate's shape.
    expect(issued.portraitPhotoId).toBe(photoId);
    expect(issued.extension).toEqual({
      qualificationCategories: ['02001'],
      licenceClasses: 'A2',
      firstIssuedDate: '2009-05-20',
    });
    expect((await t.api(`/api/v1/me/photos/${photoId}`, { token, method: 'DELETE' })).json.code).toBe('PHOTO_IN_USE');
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
    expect(
      (await t.prisma.certificateEvent.findMany({ where: { certificateId: paper.id } })).map((e) => e.kind),
    ).toContain('REPLACED');
    expect(
      (await t.prisma.certificateEvent.findMany({ where: { certificateId: issued.id } })).map((e) => e.kind),
    ).toEqual(['ISSUED']);

    // The outbox rows (version 1 of each, in the approval's transaction), no personal data in them.
    const outbox = await t.prisma.aggregationOutbox.findFirstOrThrow({ where: { certificateId: issued.id } });
    expect(outbox).toMatchObject({ event: 'ISSUED', state: 'PENDING', version: 1, dedupeKey: `${issued.id}:1` });
    const replaced = await t.prisma.aggregationOutbox.findFirstOrThrow({ where: { certificateId: paper.id } });
    expect(replaced).toMatchObject({ event: 'REPLACED', state: 'PENDING', version: 1 });
    expect(JSON.stringify([outbox.payload, replaced.payload])).not.toContain('440106198503124518');
    // The signature over the canonical data verifies with the published public key.
    const row = await t.prisma.certificate.findUniqueOrThrow({ where: { id: issued.id }, include: { holder: true } });
    const data = canonicalDataOf(row, '440106198503124518', getCertificateType(row.typeCode)!);
    expect(data).toMatchObject({
      identifier,
      number: '440106198503124518',
      holderName: '张伟',
      carrier: 'ELECTRONIC',
      typeCode: '11100000000019713D071',
    });
    const published = await t.prisma.signingKey.findUniqueOrThrow({ where: { kid: issued.signatureKeyId! } });
    const publicKey = createPublicKey({ key: Buffer.from(published.publicKey), format: 'der', type: 'spki' });
    expect(verifyCanonical(data, issued.signature!, publicKey)).toBe(true);
    expect(verifyCanonical({ ...data, holderName: '张伟伟' }, issued.signature!, publicKey)).toBe(false);

    expect(
      await t.prisma.auditLog.count({
        where: { action: 'application.approve', subjectId: applicationId, outcome: 'OK' },
      }),
    ).toBe(1);
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
    expect(
      await t.prisma.auditLog.count({
        where: { action: 'certificate.access_denied', subjectId: ic.id, actorId: stranger.accountId },
      }),
    ).toBe(1);

    const owner = await signInAs('driver-ic');
    const own = await start(owner.token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: ic.id });
    expect(own.status, own.text).toBe(201);
    for (const path of [`/api/v1/me/applications/${own.json.id}`, '/api/v1/me/applications/not-a-uuid']) {
      expect((await t.api(path, { token: stranger.token })).status).toBe(404);
    }
    expect((await submit(stranger.token, own.json.id)).status).toBe(404);
    expect(
      await t.prisma.auditLog.count({
        where: { action: 'application.access_denied', subjectId: own.json.id, actorId: stranger.accountId },
      }),
    ).toBe(2);
    expect((await t.api('/api/v1/me/applications', { token: stranger.token })).json.items).toEqual([]);

    // 李娜's IC card is 深圳's (440300): outside the 广州 reviewer's region → 404, audited.
    await prepare(owner.token, own.json.id, own.json.formData);
    expect((await submit(owner.token, own.json.id)).status).toBe(200);
    expect((await t.api(`/api/v1/staff/applications/${own.json.id}`, { token: reviewer })).status).toBe(404);
    expect((await staffPost(own.json.id, 'approve')).status).toBe(404);
    expect(
      (await t.api('/api/v1/staff/applications', { token: reviewer })).json.items.map((i: { id: string }) => i.id),
    ).not.toContain(own.json.id);
    expect(
      await t.prisma.auditLog.count({
        where: { action: 'application.access_denied', subjectId: own.json.id, actorKind: 'STAFF' },
      }),
    ).toBe(2);
  });

  it('孙丽’s 从业资格证 lapsed more than 180 days: RENEWAL refused (只能重新申领), INITIAL allowed', async () => {
    const { token } = await signInAs('driver-lapsed');
    const lapsed = await certificateOf('driver-lapsed', 'PAPER');
    expect(lapsed.status).toBe('EXPIRED');
    const res = await start(token, { typeCode: 'D071', kind: 'RENEWAL', baseCertificateId: lapsed.id });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('RENEWAL_NOT_ALLOWED');
    expect((await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: lapsed.id })).json.code).toBe(
      'APPLICATION_NOT_ALLOWED',
    );
    const initial = await start(token, { typeCode: 'D071', kind: 'INITIAL' });
    expect(initial.status, initial.text).toBe(201);

    // Without a base certificate the issuer is the region's configured default (embedded: the demo authority).
    const photoId = await prepare(token, initial.json.id, {
      holderName: '孙丽',
      qualificationCategories: '02001',
      licenceClasses: 'A2',
      firstIssuedDate: '1999-04-01',
    });
    expect((await submit(token, initial.json.id)).status).toBe(200);
    const approved = await staffPost(initial.json.id, 'approve');
    expect(approved.status, approved.text).toBe(200);
    const issued = await t.prisma.certificate.findUniqueOrThrow({ where: { id: approved.json.issuedCertificateId } });
    expect(issued).toMatchObject({
      issueReason: 'INITIAL',
      issuingAuthority: '广州市交通运输局',
      issuingAuthorityCode: '1144010000695581XU',
      areaCode: '440100',
      portraitPhotoId: photoId,
    });
    expect(issued.identifier).toContain('1144010000695581XU');
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe('EXPIRED'); // 申领 replaces nothing
  });

  it('an electronic certificate cannot be “converted”; kinds acting on a certificate need one', async () => {
    const { token } = await signInAs('driver-electronic');
    const electronic = await certificateOf('driver-electronic', 'ELECTRONIC');
    expect(
      (await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: electronic.id })).json.code,
    ).toBe('APPLICATION_NOT_ALLOWED');
    expect((await start(token, { typeCode: 'D071', kind: 'REISSUE' })).json.code).toBe('VALIDATION_FAILED');
    expect(
      (await start(token, { typeCode: 'D013', kind: 'REISSUE', baseCertificateId: electronic.id })).json.code,
    ).toBe('APPLICATION_NOT_ALLOWED');
  });

  it('CHANGE of an electronic certificate keeps the serial and bumps the version; reject is final', async () => {
    const { token } = await signInAs('driver-electronic');
    const electronic = await certificateOf('driver-electronic', 'ELECTRONIC');
    // The electronic certificate already has a portrait (as if issued with one): 变更 and 补发 carry it over.
    const portrait = await uploadPortrait(token);
    await t.prisma.certificate.update({ where: { id: electronic.id }, data: { portraitPhotoId: portrait } });
    const change = await start(token, { typeCode: 'D071', kind: 'CHANGE', baseCertificateId: electronic.id });
    expect(change.status, change.text).toBe(201);
    await saveDraft(token, change.json.id, { formData: { ...change.json.formData, licenceClasses: 'A2' } });
    expect((await submit(token, change.json.id)).status).toBe(200);
    const approved = await staffPost(change.json.id, 'approve');
    expect(approved.status, approved.text).toBe(200);
    const issued = await t.prisma.certificate.findUniqueOrThrow({ where: { id: approved.json.issuedCertificateId } });
    expect(issued).toMatchObject({ serial: electronic.serial, version: electronic.version + 1, issueReason: 'CHANGE' });
    expect((issued.extension as Record<string, unknown>).licenceClasses).toBe('A2');
    // The base's portrait moved to the new certificate (portraitPhotoId is unique).
    expect(issued.portraitPhotoId).toBe(portrait);
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: electronic.id } })).portraitPhotoId).toBeNull();
    expect(parseCertificateIdentifier(issued.identifier!).ok).toBe(true);
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: electronic.id } })).status).toBe('REPLACED');

    // A new application on the new certificate (its portrait counts: no photo needed), rejected: final.
    // 补发 is for lost paper or IC cards: an electronic certificate is refused, with the reason.
    const refused = await start(token, { typeCode: 'D071', kind: 'REISSUE', baseCertificateId: issued.id });
    expect(refused.json).toMatchObject({
      code: 'APPLICATION_NOT_ALLOWED',
      message: expect.stringContaining('无需补发'),
    });
    const reissue = await start(token, { typeCode: 'D071', kind: 'REPLACEMENT', baseCertificateId: issued.id });
    expect(reissue.json.photoRequired).toBe(false);
    expect((await t.api(`/api/v1/me/applications/${reissue.json.id}`, { token })).json.photoRequired).toBe(false);
    expect((await submit(token, reissue.json.id)).status).toBe(200);
    const rejected = await staffPost(reissue.json.id, 'reject', { reason: '申请材料不实' });
    expect(rejected.json).toMatchObject({ state: 'REJECTED', rejectReason: '申请材料不实' });
    for (const action of ['approve', 'start-review'])
      expect((await staffPost(reissue.json.id, action)).status).toBe(409);
    expect((await staffPost(reissue.json.id, 'return', { reasons: { a: 'b' } })).status).toBe(409);
    expect((await submit(token, reissue.json.id)).json.code).toBe('APPLICATION_STATE_INVALID');
    expect(
      await t.prisma.auditLog.count({
        where: { action: 'application.approve', subjectId: reissue.json.id, outcome: 'DENIED' },
      }),
    ).toBe(1);
  });

  it('an operator’s 道路运输证 conversion: code lists checked on submit, no photo taken, arrays stored again', async () => {
    const huang = await signInAs('operator-legal-rep');
    const operator = await t.prisma.holder.findFirstOrThrow({ where: { kind: 'OPERATOR' } });
    await t.prisma.operatorMember.create({
      data: { operatorId: operator.id, accountId: huang.accountId, role: 'LEGAL_REPRESENTATIVE' },
    });
    const vehicle = await t.prisma.vehicle.findFirstOrThrow({ where: { plateNumber: '粤AD12345' } });
    const paper = await t.prisma.certificate.findFirstOrThrow({ where: { vehicleId: vehicle.id, typeCode: 'D013' } });
    const app = await start(huang.token, { typeCode: 'D013', kind: 'CONVERSION', baseCertificateId: paper.id });
    expect(app.status, app.text).toBe(201);
    expect(app.json.photoRequired).toBe(false); // 道路运输证 carries no portrait
    expect(app.json.formData).toMatchObject({
      plateNumber: '粤AD12345',
      plateColour: '93',
      vehicleType: 'H21',
      businessScope: '021',
      dimensions: '5995×2100×2850',
      operatingLicenceNumber: '粤交运管许可穗字440100151081号',
    });

    const photoId = await uploadPortrait(huang.token);
    const refused = await saveDraft(huang.token, app.json.id, { formData: app.json.formData, photoId });
    expect([refused.status, refused.json.code, refused.json.message]).toEqual([
      409,
      'PHOTO_NOT_ATTACHABLE',
      '该证照不需要证件照',
    ]);

    await saveDraft(huang.token, app.json.id, {
      formData: {
        ...app.json.formData,
        plateColour: '8',
        businessScope: '021,999',
        vehicleType: '重型货车',
        capacity: '',
      },
    });
    const invalid = await submit(huang.token, app.json.id);
    expect(invalid.json.fields).toEqual({
      plateColour: '车牌颜色代码“8”不在车牌颜色代码表中',
      businessScope: '经营范围代码“999”不在经营范围代码表中',
      vehicleType: '车辆类型代码“重型货车”格式不正确（1位字母加2位数字，如H11）',
      capacity: '请填写吨(座)位',
    });
    await saveDraft(huang.token, app.json.id, { formData: { ...app.json.formData, businessScope: '021,022' } });
    expect((await submit(huang.token, app.json.id)).status).toBe(200);
    const approved = await staffPost(app.json.id, 'approve');
    expect(approved.status, approved.text).toBe(200);
    const issued = await t.prisma.certificate.findUniqueOrThrow({ where: { id: approved.json.issuedCertificateId } });
    expect(issued).toMatchObject({
      carrier: 'ELECTRONIC',
      vehicleId: vehicle.id,
      numberHash: paper.numberHash,
      portraitPhotoId: null,
    });
    expect((issued.extension as Record<string, unknown>).businessScope).toEqual(['021', '022']);
  });

  it('two parallel approvals: exactly one certificate issued, the other answers 409', async () => {
    const { token } = await signInAs('driver-missing-data');
    const paper = await certificateOf('driver-missing-data', 'PAPER');
    const app = await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paper.id });
    // 刘洋's record lacks 准驾车型, which a goods-transport qualification needs: the holder supplies it.
    const incomplete = await submit(token, app.json.id);
    expect(incomplete.json.fields).toEqual({ photoId: '请上传近期免冠白底证件照' });
    await prepare(token, app.json.id, app.json.formData);
    const blocked = await submit(token, app.json.id);
    expect([blocked.json.code, Object.keys(blocked.json.fields)]).toEqual(['COMPLIANCE_BLOCKED', ['licenceClasses']]);
    await saveDraft(token, app.json.id, { formData: { ...app.json.formData, licenceClasses: 'A2' } });
    expect((await submit(token, app.json.id)).status).toBe(200);
    const results = await Promise.all([staffPost(app.json.id, 'approve'), staffPost(app.json.id, 'approve')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.json.code).toBe('APPLICATION_STATE_INVALID');
    expect(await t.prisma.certificate.count({ where: { holderId: paper.holderId, carrier: 'ELECTRONIC' } })).toBe(1);
    // One ISSUED (the new certificate) and one REPLACED (the paper one): from the approval that won only.
    const outbox = await t.prisma.aggregationOutbox.findMany({ where: { certificate: { holderId: paper.holderId } } });
    expect(outbox.map((o) => o.event).sort()).toEqual(['ISSUED', 'REPLACED']);
    expect((await t.prisma.application.findUniqueOrThrow({ where: { id: app.json.id } })).state).toBe('ISSUED');
  });
});

describe('the application’s portrait (PUT …/draft photoId)', () => {
  it('is in the OpenAPI document: photoId in the draft body, photo in both details', () => {
    const paths = t.openapi.paths as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(paths['/api/v1/me/applications/{id}/draft']?.put)).toContain('"photoId"');
    for (const path of ['/api/v1/me/applications/{id}', '/api/v1/staff/applications/{id}'])
      expect(JSON.stringify(paths[path]?.get)).toContain('"photo"');
    expect(JSON.stringify(paths['/api/v1/staff/applications/{id}']?.get)).toContain('"originalUrl"');
  });

  let token: string;
  let applicationId: string;
  let form: Record<string, unknown>;
  const photoOf = async (id: string) => (await t.api(`/api/v1/me/applications/${id}`, { token })).json.photo;

  beforeAll(async () => {
    token = (await signInAs('driver-mismatch')).token;
    const ic = await certificateOf('driver-mismatch', 'IC_CARD');
    const res = await start(token, { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: ic.id });
    expect(res.status, res.text).toBe(201);
    applicationId = res.json.id;
    form = res.json.formData;
  });

  it('another holder’s photo, a made-up id or a deleted photo: 404, audited, nothing changes', async () => {
    const theirs = await uploadPortrait((await signInAs('driver-ride-hailing')).token);
    const deleted = await uploadPortrait(token);
    expect((await t.api(`/api/v1/me/photos/${deleted}`, { token, method: 'DELETE' })).status).toBe(204);
    const before = await t.prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    for (const photoId of [theirs, '0190d8d2-0000-7000-8000-000000000001', deleted, 'not-a-uuid']) {
      const res = await saveDraft(token, applicationId, { formData: { licenceClasses: 'x' }, photoId });
      expect([res.status, res.json.code], photoId).toEqual([404, 'NOT_FOUND']);
    }
    expect(await t.prisma.auditLog.count({ where: { action: 'photo.access_denied', subjectId: theirs } })).toBe(1);
    const after = await t.prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect([after.revision, after.formData]).toEqual([before.revision, before.formData]);
    expect(await t.prisma.photo.count({ where: { id: theirs, applicationId: { not: null } } })).toBe(0);
  });

  it('an evidence photo or a photo attached to another application: 409 PHOTO_NOT_ATTACHABLE', async () => {
    const evidence = await uploadPortrait(token, { purpose: 'EVIDENCE' });
    const res = await saveDraft(token, applicationId, { formData: form, photoId: evidence });
    expect([res.status, res.json.code]).toEqual([409, 'PHOTO_NOT_ATTACHABLE']);
    expect(res.json.fields).toHaveProperty('photoId');

    const other = await start(token, { typeCode: 'D071', kind: 'INITIAL' });
    const elsewhere = await prepare(token, other.json.id, other.json.formData);
    const taken = await saveDraft(token, applicationId, { formData: form, photoId: elsewhere });
    expect([taken.status, taken.json.code]).toEqual([409, 'PHOTO_NOT_ATTACHABLE']);
    expect(taken.json.message).toBe('该照片已用于其他申请，请重新拍摄或上传');
    expect(await photoOf(applicationId)).toBeNull();
  });

  it('one portrait per application: attaching another unlinks the first; null detaches', async () => {
    const first = await uploadPortrait(token);
    const second = await uploadPortrait(token);
    expect((await saveDraft(token, applicationId, { formData: form, photoId: first })).json.photo.id).toBe(first);
    expect((await saveDraft(token, applicationId, { formData: form, photoId: second })).json.photo.id).toBe(second);
    expect((await t.prisma.photo.findUniqueOrThrow({ where: { id: first } })).applicationId).toBeNull();
    // The unlinked one is free again (deletable); the attached one is not.
    expect((await t.api(`/api/v1/me/photos/${first}`, { token, method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/api/v1/me/photos/${second}`, { token, method: 'DELETE' })).json.code).toBe('PHOTO_IN_USE');
    const detached = await saveDraft(token, applicationId, { formData: form, photoId: null });
    expect(detached.json.photo).toBeNull();
    expect((await t.prisma.photo.findUniqueOrThrow({ where: { id: second } })).applicationId).toBeNull();
    expect(
      await t.prisma.auditLog.count({ where: { action: 'application.photo_detach', subjectId: applicationId } }),
    ).toBe(1);
  });

  it('an upload sent with the applicationId replaces its portrait too, but only while the application is editable', async () => {
    const linked = await uploadPortrait(token, { applicationId });
    expect((await photoOf(applicationId)).id).toBe(linked);
    const next = await uploadPortrait(token, { applicationId });
    expect((await photoOf(applicationId)).id).toBe(next);
    expect(await t.prisma.photo.count({ where: { applicationId, purpose: 'PORTRAIT' } })).toBe(1);
    // 赵磊's B2 does not fit his passenger qualification (01001): told before submitting, and refused on submit.
    const told = (await t.api(`/api/v1/me/applications/${applicationId}`, { token })).json;
    expect(told.compliance.compliant).toBe(false);
    expect(told.compliance.failures).toContainEqual(
      expect.objectContaining({
        ruleId: 'RE.licence-class-matches-category',
        field: 'licenceClasses',
        fieldLabel: '准驾车型',
      }),
    );
    const refused = await submit(token, applicationId);
    expect([refused.status, refused.json.code]).toEqual([422, 'COMPLIANCE_BLOCKED']);
    expect(refused.json.fields.licenceClasses).toMatch(/准驾车型/);
    expect((await t.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).state).toBe('DRAFT');
    const fixed = await saveDraft(token, applicationId, { formData: { ...form, licenceClasses: 'A1' } });
    expect(fixed.json.compliance).toEqual({ compliant: true, failures: [] });
    expect((await submit(token, applicationId)).status).toBe(200);
    await expect(uploadPortrait(token, { applicationId })).rejects.toThrow('409 APPLICATION_STATE_INVALID');
    expect((await photoOf(applicationId)).id).toBe(next);
  });
});
