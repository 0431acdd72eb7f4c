import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { hexToBytes } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import {
  base64urlDecode,
  decodeToken,
  ed25519Suite,
  encodeToken,
  getStatusBits,
  heldQrAt,
  kidOf,
  qrTextToToken,
  sm2Sm3Suite,
  tokenToQrText,
  trustedKeysFromList,
  verifyStatusListSignature,
  type TokenClaims,
} from '@roadcert/shared/presentation';
import type { KeyList, PresentationBatch, StatusList, VerifyResult } from '@roadcert/shared';
import { demoHolders } from '../../seed/demo-holders';
import { demoStaff } from '../../seed/staff';
import { uuidv7 } from '../../lib/uuidv7';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { sm2PrivateScalar, sm2SignDer, sm2VerifyDer } from '../../lib/sm2-der';

let t: TestApp;
let reviewer: string;
const accounts = new Map<string, string>();

beforeAll(async () => {
  // Short batches keep the tests quick; the cap is what is being tested.
  t = await startTestApp({
    env: {
      PRESENTATION_BATCH_HOURS: '1',
      PRESENTATION_BATCH_MAX_HOURS: '2',
      PUBLIC_BASE_URL: 'https://roadcert.jtt.example.gov.cn',
    },
  });
  const staff = await t.prisma.staffUser.findUniqueOrThrow({ where: { username: demoStaff.username } });
  const id = uuidv7();
  const expiresAt = new Date(Date.now() + 3600_000);
  await t.prisma.session.create({
    data: {
      id,
      staffUserId: staff.id,
      refreshTokenHash: t.deps.sessionTokens.issueRefresh(id).hash,
      platform: 'h5',
      expiresAt,
    },
  });
  reviewer = t.deps.sessionTokens.issue(id, expiresAt);
}, 60_000);
afterAll(() => t?.close());

async function tokenOf(holderKey: string) {
  if (!accounts.has(holderKey)) accounts.set(holderKey, (await signInAccount(t, { holderKey })).token);
  return accounts.get(holderKey)!;
}
async function holderId(key: string) {
  const demo = demoHolders.find((h) => h.key === key)!;
  const where =
    demo.kind === 'PERSON'
      ? { idNumberHash: t.deps.fieldCrypto.blindIndex(demo.identityCode, 'id-number') }
      : { creditCode: demo.identityCode };
  return (await t.prisma.holder.findFirstOrThrow({ where })).id;
}
const certificateOf = async (
  key: string,
  where: { carrier?: 'PAPER' | 'IC_CARD' | 'ELECTRONIC'; typeCode?: string; activated?: boolean } = {},
) =>
  t.prisma.certificate.findFirstOrThrow({
    where: {
      holderId: await holderId(key),
      carrier: where.carrier ?? 'ELECTRONIC',
      typeCode: where.typeCode,
      ...(where.activated === undefined ? {} : { activatedAt: where.activated ? { not: null } : null }),
    },
    orderBy: { createdAt: 'asc' },
  });

const batch = (token: string, id: string, hours?: number) =>
  t.api(`/api/v1/me/certificates/${id}/presentation${hours === undefined ? '' : `?hours=${hours}`}`, { token });
const verify = (token: string, authToken?: string) => t.api('/api/v1/verify', { body: { token }, token: authToken });
const setStatus = (id: string, status: string, reason = '测试原因') =>
  t.api(`/api/v1/staff/certificates/${id}/status`, { token: reviewer, body: { status, reason } });

/** The service's own SM2 presentation key, for tokens with chosen times. */
function serverSm2() {
  const d = sm2PrivateScalar(t.deps.keys.signing.privateKey);
  const publicKey = sm2Sm3Suite.getPublicKey(d);
  return { d, publicKey, kid: kidOf(sm2Sm3Suite, publicKey) };
}

/** The QR the holder's phone shows now, derived from the material (token version 2). */
const qrNow = (material: PresentationBatch, at = Date.now()) => heldQrAt(material, at)!.qrText;

/** Version-1 claims for the certificate (the tokens issued before version 2, still accepted while valid). */
async function claimsFor(holderKey: string, patch: Partial<TokenClaims> = {}): Promise<TokenClaims> {
  const cert = await certificateOf(holderKey, { activated: true });
  const res = await batch(await tokenOf(holderKey), cert.id);
  expect(res.status, res.text).toBe(200);
  const claims = decodeToken(qrTextToToken(qrNow(res.json as PresentationBatch))).claims;
  return { ...claims, certificateId: cert.id, ...patch };
}
const signSm2 = (claims: TokenClaims, d = serverSm2().d) =>
  tokenToQrText(
    'https://roadcert.jtt.example.gov.cn',
    encodeToken(claims, (body) => sm2Sm3Suite.sign(body, d)),
  );

describe('key list', () => {
  it('publishes the SM2 key with the standard user id and the Ed25519 key', async () => {
    await batch(await tokenOf('driver-electronic'), (await certificateOf('driver-electronic')).id); // first use publishes
    const res = await t.api('/.well-known/roadcert/keys.json');
    expect(res.status).toBe(200);
    const list = res.json as KeyList;
    const sm2Key = list.keys.find((k) => k.alg === 'SM2-SM3')!;
    expect(sm2Key).toMatchObject({
      kid: serverSm2().kid,
      userId: '1234567812345678',
      retiredAt: null,
      verifyUntil: null,
    });
    expect(sm2Key.publicKey).toBe(Buffer.from(serverSm2().publicKey).toString('hex'));
    expect(list.keys.some((k) => k.alg === 'Ed25519' && k.publicKey.length === 64)).toBe(true);
    expect(list.clockSkewSeconds).toBe(90);
  });
});

describe('holder token batch', () => {
  it('gives the face and, per 2-hour interval overlapping the hours asked (capped), a signed anchor and a seed', async () => {
    const cert = await certificateOf('driver-electronic');
    const res = await batch(await tokenOf('driver-electronic'), cert.id, 5);
    expect(res.status, res.text).toBe(200);
    const body = res.json as PresentationBatch;
    const now = Date.now();
    expect(body).toMatchObject({ version: 2, windowSeconds: 60, qrBaseUrl: 'https://roadcert.jtt.example.gov.cn' });
    const starts = body.intervals.map((i) => Date.parse(i.start));
    expect(starts[0]).toBeLessThanOrEqual(now);
    expect(starts[0]! % 7_200_000).toBe(0);
    for (const interval of body.intervals)
      expect(Date.parse(interval.end) - Date.parse(interval.start)).toBe(7_200_000);
    expect(Date.parse(body.intervals.at(-1)!.end)).toBeGreaterThanOrEqual(now + 2 * 3600_000 - 1000); // capped at 2 h
    expect(Date.parse(body.intervals.at(-1)!.start)).toBeLessThan(now + 2 * 3600_000);
    expect(res.headers.get('content-encoding')).toBe('gzip'); // fetch asked for it and inflated it
    const plain = await t.api(`/api/v1/me/certificates/${cert.id}/presentation?hours=1`, {
      token: await tokenOf('driver-electronic'),
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.text.length).toBeLessThan(4096); // a day's material is a few KB (the bench measures 24 h)
    expect(body.face).toMatchObject({
      certificateId: cert.id,
      holderName: '王强',
      holderNameMasked: '王*',
      typeCode: 'D071',
      status: 'VALID',
    });
    expect(body.face.numberMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    const held = heldQrAt(body, now)!;
    expect(held.qrText).toMatch(/^https:\/\/roadcert\.jtt\.example\.gov\.cn\/v\/\d+$/);
    expect(held.notBefore).toBeLessThanOrEqual(now);
    expect(held.notAfter - held.notBefore).toBe(60_000);
    const decoded = decodeToken(qrTextToToken(held.qrText));
    expect(decoded.version).toBe(2);
    expect(decoded.claims).toMatchObject({
      certificateId: null,
      epoch: cert.presentationEpoch,
      alg: 'SM2-SM3',
      kid: serverSm2().kid,
      holderNameMasked: '王*',
      status: 'VALID',
    });
    // The certificate now has a status-list index, and the token names it.
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).statusIndex).toBe(
      decoded.claims.statusIndex,
    );
  });

  it('opening 亮证 again signs nothing: the same anchors come back until the certificate changes', async () => {
    const cert = await certificateOf('driver-electronic');
    const first = (await batch(await tokenOf('driver-electronic'), cert.id)).json as PresentationBatch;
    const signed = t.deps.holderTokens.signatureCount();
    const rows = await t.prisma.presentationAnchor.count({ where: { certificateId: cert.id } });
    const second = (await batch(await tokenOf('driver-electronic'), cert.id)).json as PresentationBatch;
    expect(t.deps.holderTokens.signatureCount()).toBe(signed);
    expect(second.intervals).toEqual(first.intervals); // SM2 signatures are randomised: equal means not signed again
    expect(await t.prisma.presentationAnchor.count({ where: { certificateId: cert.id } })).toBe(rows);
    // A changed text (another masked number) is a changed certificate: new anchors.
    await t.prisma.certificate.update({ where: { id: cert.id }, data: { numberMasked: '4401**********0000' } });
    const changed = (await batch(await tokenOf('driver-electronic'), cert.id)).json as PresentationBatch;
    expect(t.deps.holderTokens.signatureCount()).toBe(signed + changed.intervals.length);
    expect(decodeToken(qrTextToToken(qrNow(changed))).claims.numberMasked).toBe('4401**********0000');
    expect((await verify(qrNow(changed))).json.verdict).toBe('VALID');
    await t.prisma.certificate.update({ where: { id: cert.id }, data: { numberMasked: cert.numberMasked } });
  });

  it("the QR of another minute or interval than the verifier's clock is refused", async () => {
    const cert = await certificateOf('driver-electronic');
    const material = (await batch(await tokenOf('driver-electronic'), cert.id, 2)).json as PresentationBatch;
    const now = Date.now();
    expect((await verify(qrNow(material, now))).json.verdict).toBe('VALID');
    expect((await verify(qrNow(material, now + 5 * 60_000))).json.verdict).toBe('NOT_YET_VALID');
    const nextInterval = Date.parse(material.intervals[1]!.start) + 60_000;
    expect((await verify(qrNow(material, nextInterval))).json.verdict).toBe('NOT_YET_VALID');
    // The phone's material cannot be bent to now: the minute byte moved back fails the chain.
    const later = qrTextToToken(qrNow(material, now + 5 * 60_000));
    const anchorBody = later.length - 81;
    later[anchorBody] = later[anchorBody]! - 5;
    expect((await verify(tokenToQrText('https://x', later))).json.verdict).toBe('INVALID');
  });

  it('refuses with NOT_PRESENTABLE and the reason: paper, not activated', async () => {
    const paper = await batch(
      await tokenOf('driver-paper'),
      (await certificateOf('driver-paper', { carrier: 'PAPER' })).id,
    );
    expect(paper.status).toBe(409);
    expect(paper.json).toMatchObject({ code: 'NOT_PRESENTABLE' });
    expect(paper.json.message).toContain('纸质证');
    const inactive = await batch(await tokenOf('driver-ride-hailing'), (await certificateOf('driver-ride-hailing')).id);
    expect(inactive.status).toBe(409);
    expect(inactive.json.message).toContain('激活');
  });

  it("another holder's certificate is a 404, a bad hours value a 400", async () => {
    const someoneElses = await certificateOf('driver-electronic');
    expect((await batch(await tokenOf('driver-paper'), someoneElses.id)).status).toBe(404);
    expect((await batch(await tokenOf('driver-electronic'), someoneElses.id, 0)).status).toBe(400);
  });
});

describe('verify', () => {
  it('VALID for a fresh token: anonymous sees the minimal masked face; staff see more; both are logged', async () => {
    const cert = await certificateOf('driver-electronic');
    // 性别 recorded on the certificate (registry key `sex`) derives from the ID number: no face shows it.
    const extension = { ...(cert.extension as Record<string, unknown> | null), sex: '1' };
    await t.prisma.certificate.update({ where: { id: cert.id }, data: { extension } });
    const qrText = qrNow((await batch(await tokenOf('driver-electronic'), cert.id)).json as PresentationBatch);
    const anonymous = await verify(qrText);
    expect(anonymous.status, anonymous.text).toBe(200);
    const a = anonymous.json as VerifyResult;
    expect(a).toMatchObject({
      verdict: 'VALID',
      scope: 'anonymous',
      certificate: { holderNameMasked: '王*', typeCode: 'D071', status: 'VALID' },
    });
    expect(a.certificate?.holderName).toBeUndefined();
    expect(a.certificate?.certificateId).toBeUndefined();
    expect(a.fieldsShown).toEqual(['type', 'holderNameMasked', 'numberMasked', 'validUntil', 'status']);
    expect(anonymous.text).not.toContain('王强');
    const staff = (await verify(qrText.slice(qrText.indexOf('/v/') + 3), reviewer)).json as VerifyResult;
    expect(staff).toMatchObject({
      verdict: 'VALID',
      scope: 'staff',
      certificate: { holderName: '王强', certificateId: cert.id },
    });
    expect(staff.fieldsShown).toContain('holderName');
    expect(staff.certificate?.details?.length).toBeGreaterThan(0);
    expect(staff.certificate?.details?.map((d) => d.label)).not.toContain('性别');
    const holderFace = (await batch(await tokenOf('driver-electronic'), cert.id)).json as PresentationBatch;
    expect(holderFace.face.details.map((d) => d.label)).not.toContain('性别');
    await t.usageLog.flush();
    const events = await t.prisma.verificationEvent.findMany({
      where: { certificateId: cert.id },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.verifierRole, e.result, e.channel])).toEqual(
      expect.arrayContaining([
        ['anonymous', 'VALID', 'QR_PORTAL'],
        ['staff', 'VALID', 'QR_PORTAL'],
      ]),
    );
    expect(JSON.stringify(events)).not.toContain('王');
  });

  it('INVALID for flipped bits, garbage and a wrong algorithm; UNKNOWN_KEY for a key nobody published', async () => {
    const claims = await claimsFor('driver-electronic');
    const good = qrTextToToken(signSm2(claims));
    for (const at of [10, 40, good.length - 5]) {
      const bad = good.slice();
      bad[at] = bad[at]! ^ 0x04;
      expect((await verify(tokenToQrText('https://x', bad))).json.verdict).toBe('INVALID');
    }
    expect((await verify('https://roadcert.jtt.example.gov.cn/v/12345')).json).toMatchObject({
      verdict: 'INVALID',
      certificate: null,
    });
    expect((await verify('not a token at all')).json.verdict).toBe('INVALID');
    const edKey = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const wrongAlg = encodeToken({ ...claims, alg: 'Ed25519' }, (body) => ed25519Suite.sign(body, edKey)); // SM2 kid, Ed25519 signature
    expect((await verify(tokenToQrText('https://x', wrongAlg))).json).toMatchObject({ verdict: 'INVALID' });
    const stranger = sm2Sm3Suite.getPublicKey(hexToBytes('11'.repeat(32)));
    const unknown = (
      await verify(signSm2({ ...claims, kid: kidOf(sm2Sm3Suite, stranger) }, hexToBytes('11'.repeat(32))))
    ).json as VerifyResult;
    expect(unknown).toMatchObject({ verdict: 'UNKNOWN_KEY', certificate: null });
  });

  it('version 1 (tokens signed before version 2) still verifies inside its window; TOKEN_EXPIRED after it + 90 s, NOT_YET_VALID (请检查手机时间) before it − 90 s, no face either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = (
      await verify(signSm2(await claimsFor('driver-electronic', { notBefore: now - 200, notAfter: now - 140 })))
    ).json as VerifyResult;
    expect(expired).toMatchObject({ verdict: 'TOKEN_EXPIRED', certificate: null, fieldsShown: [] });
    const withinSkew = (
      await verify(signSm2(await claimsFor('driver-electronic', { notBefore: now - 120, notAfter: now - 60 })))
    ).json as VerifyResult;
    expect(withinSkew.verdict).toBe('VALID');
    const early = (
      await verify(signSm2(await claimsFor('driver-electronic', { notBefore: now + 300, notAfter: now + 360 })))
    ).json as VerifyResult;
    expect(early.verdict).toBe('NOT_YET_VALID');
    expect(early.reason).toContain('请检查手机时间');
  });

  it('an Ed25519 token of the service verifies (node:crypto path)', async () => {
    const pem = (
      JSON.parse(await readFile(path.join(t.deps.config.dataDir, 'presentation-keys.json'), 'utf8')) as {
        ed25519Pkcs8Pem: string;
      }
    ).ed25519Pkcs8Pem;
    const key = createPrivateKey(pem);
    const list = (await t.api('/.well-known/roadcert/keys.json')).json as KeyList;
    const ed = list.keys.find((k) => k.alg === 'Ed25519')!;
    const bytes = encodeToken(
      await claimsFor('driver-electronic', { alg: 'Ed25519', kid: ed.kid }),
      (body) => new Uint8Array(nodeSign(null, body, key)),
    );
    expect((await verify(tokenToQrText('https://x', bytes))).json.verdict).toBe('VALID');
  });

  it('a retired key verifies until its grace ends; after that it is UNKNOWN_KEY and off the list', async () => {
    const oldD = hexToBytes('22'.repeat(32));
    const oldPublic = sm2Sm3Suite.getPublicKey(oldD);
    const oldKid = kidOf(sm2Sm3Suite, oldPublic);
    const expiredD = hexToBytes('33'.repeat(32));
    const expiredPublic = sm2Sm3Suite.getPublicKey(expiredD);
    const expiredKid = kidOf(sm2Sm3Suite, expiredPublic);
    const graceMs = (2 * 3600 + 256 * 60 + 90) * 1000;
    await t.prisma.signingKey.createMany({
      data: [
        {
          kid: oldKid,
          algorithm: 'SM2-SM3',
          purpose: 'presentation',
          publicKey: new Uint8Array(oldPublic),
          notBefore: new Date(Date.now() - 86_400_000),
          retiredAt: new Date(Date.now() - 600_000),
        },
        {
          kid: expiredKid,
          algorithm: 'SM2-SM3',
          purpose: 'presentation',
          publicKey: new Uint8Array(expiredPublic),
          notBefore: new Date(Date.now() - 2 * 86_400_000),
          retiredAt: new Date(Date.now() - graceMs - 60_000),
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 1100)); // the key cache looks again for an unknown kid at most once a second
    const claims = await claimsFor('driver-electronic');
    expect((await verify(signSm2({ ...claims, kid: oldKid }, oldD))).json.verdict).toBe('VALID');
    const expired = (await verify(signSm2({ ...claims, kid: expiredKid }, expiredD))).json as VerifyResult;
    expect(expired.verdict).toBe('UNKNOWN_KEY');
    const list = (await t.api('/.well-known/roadcert/keys.json')).json as KeyList;
    expect(list.keys.find((k) => k.kid === oldKid)?.verifyUntil).toBeTruthy();
    expect(list.keys.some((k) => k.kid === expiredKid)).toBe(false);
  });
});

describe('staff status changes, replay and the status list', () => {
  it('finds by number in the region only', async () => {
    const number = demoHolders.find((h) => h.key === 'driver-electronic')!.identityCode;
    const found = await t.api(`/api/v1/staff/certificates?number=${number}`, { token: reviewer });
    expect(found.status, found.text).toBe(200);
    expect(found.json.items.map((i: { carrier: string }) => i.carrier).sort()).toEqual(['ELECTRONIC', 'PAPER']);
    expect(found.text).not.toContain(number);
    const shenzhen = demoHolders.find((h) => h.key === 'driver-ic')!.identityCode; // 深圳 certificate, reviewer is 广州
    expect((await t.api(`/api/v1/staff/certificates?number=${shenzhen}`, { token: reviewer })).json.items).toEqual([]);
    const outside = await certificateOf('driver-ic', { carrier: 'IC_CARD' });
    expect((await setStatus(outside.id, 'SUSPENDED')).status).toBe(404);
    expect(
      (await t.api(`/api/v1/staff/certificates?number=${number}`, { token: await tokenOf('driver-electronic') }))
        .status,
    ).toBe(403);
  });

  it('suspend → tokens fetched before are NOT_VALID, no new batch; restore → old tokens stay dead, new ones verify', async () => {
    const cert = await certificateOf('operator', { typeCode: 'D008' });
    const operatorLegalRep = await signInAccount(t, { holderKey: 'operator' });
    const before = (await batch(operatorLegalRep.token, cert.id)).json as PresentationBatch;
    const old = qrNow(before);
    expect((await verify(old)).json.verdict).toBe('VALID');

    const suspended = await setStatus(cert.id, 'SUSPENDED', '年度审验未通过');
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.json).toMatchObject({ status: 'SUSPENDED', presentationEpoch: cert.presentationEpoch + 1 });
    expect((await verify(old)).json).toMatchObject({ verdict: 'NOT_VALID', reason: '证照已暂扣' });
    const refused = await batch(operatorLegalRep.token, cert.id);
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('暂扣');

    const restored = await setStatus(cert.id, 'VALID', '复查通过');
    expect(restored.json).toMatchObject({ status: 'VALID', presentationEpoch: cert.presentationEpoch + 2 });
    const stale = (await verify(old)).json as VerifyResult;
    expect(stale.verdict).toBe('NOT_VALID');
    expect(stale.reason).toContain('已失效');
    const fresh = (await batch(operatorLegalRep.token, cert.id)).json as PresentationBatch;
    expect((await verify(qrNow(fresh))).json.verdict).toBe('VALID');
    expect(decodeToken(qrTextToToken(qrNow(fresh))).claims.epoch).toBe(cert.presentationEpoch + 2);
    const events = await t.prisma.certificateEvent.findMany({
      where: { certificateId: cert.id, kind: 'STATUS_CHANGED' },
    });
    expect(events).toHaveLength(2);
    expect(await t.prisma.auditLog.count({ where: { action: 'certificate.status_change', subjectId: cert.id } })).toBe(
      2,
    );
    // Each change is an aggregation version for the ministry, in order (docs/aggregation.md).
    const outbox = await t.prisma.aggregationOutbox.findMany({
      where: { certificateId: cert.id, event: 'STATUS' },
      orderBy: { version: 'asc' },
    });
    expect(outbox.map((o) => o.payload)).toEqual([
      { from: 'VALID', to: 'SUSPENDED' },
      { from: 'SUSPENDED', to: 'VALID' },
    ]);
    expect(outbox[1]!.version).toBe(outbox[0]!.version + 1);
  });

  it('revocation: replay of a token signed before is NOT_VALID, the signed status list marks the index, no way back', async () => {
    const cert = await certificateOf('driver-electronic');
    const qrText = qrNow((await batch(await tokenOf('driver-electronic'), cert.id)).json as PresentationBatch);
    const index = decodeToken(qrTextToToken(qrText)).claims.statusIndex;
    expect((await verify(qrText)).json.verdict).toBe('VALID');
    expect((await setStatus(cert.id, 'REVOKED', '以欺骗手段取得')).status).toBe(200);
    const replay = (await verify(qrText)).json as VerifyResult;
    expect(replay).toMatchObject({ verdict: 'NOT_VALID', reason: '证照已吊销', certificate: { status: 'REVOKED' } });
    await t.usageLog.flush();
    expect(
      await t.prisma.verificationEvent.count({ where: { certificateId: cert.id, result: 'NOT_VALID' } }),
    ).toBeGreaterThanOrEqual(1);

    const list = (await t.api('/api/v1/status-list')).json as StatusList;
    expect(list.size).toBeGreaterThanOrEqual(131_072);
    const bits = gunzipSync(base64urlDecode(list.encodedList)!);
    expect(bits.length).toBe(list.size / 4);
    expect(getStatusBits(bits, index)).toBe(1);
    const keys = trustedKeysFromList((await t.api('/.well-known/roadcert/keys.json')).json as KeyList);
    expect(verifyStatusListSignature(list, keys)).toBe(true);
    expect(verifyStatusListSignature({ ...list, encodedList: list.encodedList.slice(1) }, keys)).toBe(false);
    expect(verifyStatusListSignature({ ...list, kid: '00000000' }, keys)).toBe(false);
    expect(JSON.stringify(list)).not.toContain(cert.id);

    const back = await setStatus(cert.id, 'VALID');
    expect(back.status).toBe(409);
    expect(back.json.message).toContain('已吊销');
  });
});

describe('links and certificate signatures', () => {
  it('GET /v/<digits> answers the verdict itself (verify-page.test.ts), linking the portal verify page', async () => {
    const res = await fetch(`${t.baseUrl}/v/123456`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="/pkg-verify/pages/verify/index?t=123456"');
  });

  it('certificate signatures use SM2 with the standard user id: sm-crypto-v2 verifies them, and we verify theirs', () => {
    const message = new TextEncoder().encode('{"typeCode":"D071"}');
    const der = sm2SignDer(message, t.deps.keys.signing.privateKey);
    const publicHex = Buffer.from(serverSm2().publicKey).toString('hex');
    expect(
      smCrypto.doVerifySignature(message, der.toString('hex'), publicHex, {
        hash: true,
        der: true,
        userId: '1234567812345678',
      }),
    ).toBe(true);
    const theirs = smCrypto.doSignature(message, Buffer.from(serverSm2().d).toString('hex'), {
      hash: true,
      der: true,
      userId: '1234567812345678',
    });
    expect(sm2VerifyDer(message, Buffer.from(theirs, 'hex'), t.deps.keys.signing.publicKey)).toBe(true);
    expect(sm2VerifyDer(new TextEncoder().encode('{}'), der, t.deps.keys.signing.publicKey)).toBe(false);
  });
});
