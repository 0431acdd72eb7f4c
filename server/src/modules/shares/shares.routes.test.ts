import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { auditRows, demo } from '../../test/identity-steps';

let t: TestApp;
let wang: { token: string; accountId: string };
let li: { token: string; accountId: string };
let wangCertificateId: string;
let wangPaperId: string;
let liCertificateId: string;
let operatorId: string;

const holderOf = (key: Parameters<typeof demo>[0]) =>
  t.prisma.holder.findUniqueOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo(key).identityCode, 'id-number') },
  });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const secretOf = (link: string) => link.split('/s/')[1]!;
const open = (secret: string) => t.api(`/api/v1/shares/${secret}`);

beforeAll(async () => {
  t = await startTestApp();
  wang = await signInAccount(t, { holderKey: 'driver-electronic' });
  li = await signInAccount(t, { holderKey: 'driver-ic' });
  const wangHolder = await holderOf('driver-electronic');
  wangCertificateId = (
    await t.prisma.certificate.findFirstOrThrow({ where: { holderId: wangHolder.id, carrier: 'ELECTRONIC' } })
  ).id;
  wangPaperId = (await t.prisma.certificate.findFirstOrThrow({ where: { holderId: wangHolder.id, carrier: 'PAPER' } }))
    .id;
  liCertificateId = (
    await t.prisma.certificate.findFirstOrThrow({ where: { holderId: (await holderOf('driver-ic')).id } })
  ).id;
  operatorId = (await t.prisma.holder.findFirstOrThrow({ where: { creditCode: demo('operator').identityCode } })).id;
});
afterAll(() => t?.close());

describe('a holder shares a certificate (加注件)', () => {
  let secret: string;
  let shareId: string;

  it('creates a share with purpose, recipient and expiry; the link is shown once and only its hash is stored', async () => {
    const expiresAt = inDays(7);
    const res = await t.api('/api/v1/me/shares', {
      token: wang.token,
      body: {
        certificateIds: [wangCertificateId],
        purposeCode: 'RECRUITMENT',
        recipientName: '顺丰速运（广州）',
        expiresAt,
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.link).toMatch(new RegExp(`^${t.deps.config.publicBaseUrl}/s/[A-Za-z0-9_-]{32}$`));
    expect(res.json.qrText).toBe(res.json.link);
    expect(res.json.share).toMatchObject({
      purposeCode: 'RECRUITMENT',
      purposeLabel: '招聘',
      recipientName: '顺丰速运（广州）',
      state: 'ACTIVE',
      openCount: 0,
      operatorName: null,
      certificates: [{ id: wangCertificateId, typeCode: 'D071' }],
    });
    expect(res.json.share.watermarkText).toMatch(
      /^仅供招聘使用｜接收方：顺丰速运（广州）｜有效期至\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    secret = secretOf(res.json.link);
    shareId = res.json.share.id;
    const row = await t.prisma.share.findUniqueOrThrow({ where: { id: shareId } });
    expect(row.linkTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await auditRows(t, 'share.created')).map((r) => [r.subjectId, r.detail])).toEqual([
      [shareId, { purposeCode: 'RECRUITMENT', certificates: 1, days: 7 }],
    ]);
  });

  it('opens publicly: the face (masked, no photo, no ID number) with the watermark; not cached', async () => {
    const res = await open(secret);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toMatchObject({ purposeLabel: '招聘', recipientName: '顺丰速运（广州）', sharedBy: '王*' });
    expect(res.json.watermarkText).toContain('仅供招聘使用');
    expect(res.json.certificates).toHaveLength(1);
    const face = res.json.certificates[0];
    expect(face).toMatchObject({
      typeCode: 'D071',
      holderName: '王*',
      status: 'VALID',
      valid: true,
      carrier: 'ELECTRONIC',
      issuingAuthority: '广州市交通运输局',
      plateNumber: null,
    });
    expect(face.numberMasked).toMatch(/^4401\*+/);
    expect(face.details.map((d: { label: string }) => d.label)).toEqual(
      expect.arrayContaining(['从业资格类别', '准驾车型']),
    );
    expect(face.details.map((d: { label: string }) => d.label)).not.toContain('性别');
    expect(res.text).not.toContain(demo('driver-electronic').identityCode);
    expect(res.text).not.toContain('王强');
    expect(res.text).not.toMatch(/photo|portrait/i);
  });

  it('counts openings in the list and shows them in the holder’s 用证记录', async () => {
    await open(secret);
    const list = await t.api('/api/v1/me/shares', { token: wang.token });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({ id: shareId, openCount: 2 });
    expect(list.json.items[0].lastOpenedAt).not.toBeNull();
    const usage = await t.api(`/api/v1/me/usage?certificateId=${wangCertificateId}`, { token: wang.token });
    expect(usage.json.items[0]).toMatchObject({
      channel: 'SHARE_OPEN',
      channelLabel: '加注件被查看',
      verifierLabel: '加注件接收方：顺丰速运（广州）（事由：招聘）',
      resultLabel: '已查看',
      shareId,
    });
    expect(usage.json.items[0].fieldsShown).toEqual(
      expect.arrayContaining(['type', 'numberMasked', 'holderNameMasked', 'status', 'validity', 'qualification']),
    );
  });

  it('another person can neither list, revoke nor share it: 404 like a made-up id, audited', async () => {
    expect((await t.api('/api/v1/me/shares', { token: li.token })).json.items).toEqual([]);
    const revoke = await t.api(`/api/v1/me/shares/${shareId}/revoke`, { token: li.token, method: 'POST' });
    expect(revoke.status).toBe(404);
    expect(
      (
        await t.api('/api/v1/me/shares/0195f2c4-1b2a-7c3d-8e4f-0123456789ab/revoke', {
          token: li.token,
          method: 'POST',
        })
      ).status,
    ).toBe(404);
    expect((await t.api('/api/v1/me/shares/not-an-id/revoke', { token: li.token, method: 'POST' })).status).toBe(404);
    const steal = await t.api('/api/v1/me/shares', {
      token: li.token,
      body: { certificateIds: [wangCertificateId], purposeCode: 'INSURANCE', expiresAt: inDays(1) },
    });
    expect(steal.status).toBe(404);
    const mixed = await t.api('/api/v1/me/shares', {
      token: li.token,
      body: { certificateIds: [liCertificateId, wangCertificateId], purposeCode: 'INSURANCE', expiresAt: inDays(1) },
    });
    expect(mixed.status).toBe(404);
    expect(await t.prisma.share.count({ where: { creatorAccountId: li.accountId } })).toBe(0);
    expect((await auditRows(t, 'share.access_denied')).filter((r) => r.actorId === li.accountId)).toHaveLength(3);
    expect((await open(secret)).status).toBe(200);
  });

  it('revokes: the link then answers 410 SHARE_REVOKED; revoking again keeps the first time', async () => {
    const res = await t.api(`/api/v1/me/shares/${shareId}/revoke`, { token: wang.token, method: 'POST' });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ state: 'REVOKED', openCount: 3 });
    const gone = await open(secret);
    expect(gone.status).toBe(410);
    expect(gone.json).toMatchObject({ code: 'SHARE_REVOKED', message: '该分享链接已被持证人撤销' });
    const again = await t.api(`/api/v1/me/shares/${shareId}/revoke`, { token: wang.token, method: 'POST' });
    expect(again.json.revokedAt).toBe(res.json.revokedAt);
    expect(await auditRows(t, 'share.revoked')).toHaveLength(1);
  });

  it('an expired share answers 410 SHARE_EXPIRED; an unknown or malformed secret 404', async () => {
    const created = await t.api('/api/v1/me/shares', {
      token: wang.token,
      body: {
        certificateIds: [wangCertificateId],
        purposeCode: 'OTHER',
        purposeText: '租房登记',
        expiresAt: inDays(1),
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.share.watermarkText).toContain('仅供其他（租房登记）使用');
    await t.prisma.share.update({
      where: { id: created.json.share.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await open(secretOf(created.json.link));
    expect(expired.status).toBe(410);
    expect(expired.json.code).toBe('SHARE_EXPIRED');
    expect((await t.api('/api/v1/me/shares', { token: wang.token })).json.items[0]).toMatchObject({ state: 'EXPIRED' });
    expect((await open('A'.repeat(32))).status).toBe(404);
    expect((await open('x')).json.code).toBe('NOT_FOUND');
  });

  it('refuses bad input with Chinese messages and stores nothing', async () => {
    const before = await t.prisma.share.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ certificateIds: [wangCertificateId], purposeCode: 'RECRUITMENT', expiresAt: inDays(91) }, 'expiresAt'],
      [{ certificateIds: [wangCertificateId], purposeCode: 'RECRUITMENT', expiresAt: inDays(-1) }, 'expiresAt'],
      [{ certificateIds: [wangCertificateId], purposeCode: 'OTHER', expiresAt: inDays(1) }, 'purposeText'],
      [{ certificateIds: [], purposeCode: 'RECRUITMENT', expiresAt: inDays(1) }, 'certificateIds'],
      [{ certificateIds: [wangCertificateId], purposeCode: 'GOSSIP', expiresAt: inDays(1) }, 'purposeCode'],
      [{ certificateIds: [wangPaperId], purposeCode: 'RECRUITMENT', expiresAt: inDays(1) }, 'certificateIds'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('/api/v1/me/shares', { token: wang.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.json.fields)).toContain(field);
      expect(res.json.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await t.prisma.share.count()).toBe(before);
  });

  it('GET /s/<secret> redirects to the portal share page', async () => {
    const res = await fetch(`${t.baseUrl}/s/abcDEF_123-xyz`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/pkg-verify/pages/share/index?s=abcDEF_123-xyz');
  });
});

describe('an operator shares its licence and whole fleet in one link (广州顺达物流 / 黄建国)', () => {
  let huang: { token: string; accountId: string };
  let fleetIds: string[];

  beforeAll(async () => {
    huang = await signInAccount(t, { holderKey: 'operator-legal-rep' });
    await t.prisma.operatorMember.create({
      data: { operatorId, accountId: huang.accountId, role: 'LEGAL_REPRESENTATIVE' },
    });
    const certificates = await t.prisma.certificate.findMany({
      where: { holderId: operatorId, typeCode: { in: ['D008', 'D013'] } },
      orderBy: { typeCode: 'asc' },
    });
    fleetIds = certificates.map((c) => c.id);
  });

  it('creates one link with the 经营许可证 and all five 道路运输证, opened as six faces', async () => {
    expect(fleetIds).toHaveLength(6);
    const res = await t.api('/api/v1/me/shares', {
      token: huang.token,
      body: {
        certificateIds: fleetIds,
        purposeCode: 'TRANSPORT_CONTRACT',
        recipientName: '某某制造有限公司',
        expiresAt: inDays(30),
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.share).toMatchObject({ operatorName: '广州顺达物流有限公司', purposeLabel: '运输合同' });
    expect(res.json.share.certificates).toHaveLength(6);
    const opened = await open(secretOf(res.json.link));
    expect(opened.status).toBe(200);
    expect(opened.json.sharedBy).toBe('广州顺达物流有限公司');
    expect(opened.json.certificates.map((c: { typeCode: string }) => c.typeCode)).toEqual([
      'D008',
      'D013',
      'D013',
      'D013',
      'D013',
      'D013',
    ]);
    expect(
      opened.json.certificates
        .filter((c: { plateNumber: string | null }) => c.plateNumber)
        .map((c: { plateNumber: string }) => c.plateNumber)
        .sort(),
    ).toEqual(['粤A1R8W6', '粤A3K7Q2', '粤A6M2X9', '粤A8N5T1', '粤AD12345']);
    const licence = opened.json.certificates[0];
    expect(licence).toMatchObject({
      numberMasked: '粤交运管许可穗字440100151081号',
      holderName: '广州顺达物流有限公司',
    });
    expect(licence.details).toEqual(
      expect.arrayContaining([{ label: '经营范围', value: '道路普通货物运输、货物专用运输' }]),
    );
    await t.usageLog.flush();
    expect(
      await t.prisma.verificationEvent.count({ where: { shareId: res.json.share.id, channel: 'SHARE_OPEN' } }),
    ).toBe(6);
    const list = await t.api('/api/v1/me/shares', { token: huang.token });
    expect(list.json.items.find((s: { id: string }) => s.id === res.json.share.id)).toMatchObject({ openCount: 1 });
  });

  it('a VIEWER of the operator sees the shares but may neither create nor revoke (403); a MANAGER may', async () => {
    const viewer = await signInAccount(t);
    await t.prisma.operatorMember.create({ data: { operatorId, accountId: viewer.accountId, role: 'VIEWER' } });
    const list = await t.api('/api/v1/me/shares', { token: viewer.token });
    expect(list.json.items.length).toBeGreaterThan(0);
    const create = await t.api('/api/v1/me/shares', {
      token: viewer.token,
      body: { certificateIds: [fleetIds[0]], purposeCode: 'E_WAYBILL', expiresAt: inDays(1) },
    });
    expect(create.status).toBe(403);
    const revoke = await t.api(`/api/v1/me/shares/${list.json.items[0].id}/revoke`, {
      token: viewer.token,
      method: 'POST',
    });
    expect(revoke.status).toBe(403);
    const manager = await signInAccount(t);
    await t.prisma.operatorMember.create({ data: { operatorId, accountId: manager.accountId, role: 'MANAGER' } });
    const byManager = await t.api('/api/v1/me/shares', {
      token: manager.token,
      body: { certificateIds: [fleetIds[1]], purposeCode: 'E_WAYBILL', expiresAt: inDays(1) },
    });
    expect(byManager.status, byManager.text).toBe(201);
    expect(
      (await t.api(`/api/v1/me/shares/${byManager.json.share.id}/revoke`, { token: manager.token, method: 'POST' }))
        .json.state,
    ).toBe('REVOKED');
  });

  it('refuses one link across two holders (own + operator) even when both are reachable', async () => {
    await t.prisma.operatorMember.create({ data: { operatorId, accountId: li.accountId, role: 'MANAGER' } });
    const res = await t.api('/api/v1/me/shares', {
      token: li.token,
      body: { certificateIds: [liCertificateId, fleetIds[0]], purposeCode: 'INSURANCE', expiresAt: inDays(1) },
    });
    expect(res.status).toBe(400);
    expect(res.json.fields.certificateIds).toBe('一个分享只能包含同一持证人（或同一业户）的证照');
  });

  it('an account with neither a holder nor a membership is told to bind first', async () => {
    const stranger = await signInAccount(t);
    expect((await t.api('/api/v1/me/shares', { token: stranger.token })).json.code).toBe('REAL_NAME_REQUIRED');
  });
});
