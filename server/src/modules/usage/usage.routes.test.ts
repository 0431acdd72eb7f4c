import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { demo } from '../../test/identity-steps';

let t: TestApp;
let wang: { token: string; accountId: string };
let li: { token: string };
let wangCertificateId: string;
let liCertificateId: string;

const holderOf = (key: Parameters<typeof demo>[0]) =>
  t.prisma.holder.findUniqueOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo(key).identityCode, 'id-number') },
  });

beforeAll(async () => {
  t = await startTestApp();
  wang = await signInAccount(t, { holderKey: 'driver-electronic' });
  li = await signInAccount(t, { holderKey: 'driver-ic' });
  wangCertificateId = (
    await t.prisma.certificate.findFirstOrThrow({
      where: { holderId: (await holderOf('driver-electronic')).id, carrier: 'ELECTRONIC' },
    })
  ).id;
  liCertificateId = (
    await t.prisma.certificate.findFirstOrThrow({ where: { holderId: (await holderOf('driver-ic')).id } })
  ).id;
});
afterAll(() => t?.close());

describe('GET /api/v1/me/usage (用证记录)', () => {
  it('lists who checked the certificate, newest first, in Chinese, with field names only', async () => {
    const partner = await t.prisma.partner.create({
      data: {
        name: '运满满测试平台',
        kind: 'FREIGHT_PLATFORM',
        apiKeyHash: 'x'.repeat(64),
        apiKeyPrefix: 'rk_test',
        scopes: ['check'],
      },
    });
    const base = Date.UTC(2026, 10, 20, 8, 0, 0);
    t.usageLog.record({
      certificateId: wangCertificateId,
      channel: 'QR_PORTAL',
      verifierRole: 'anonymous',
      result: 'VALID',
      fieldsShown: ['type', 'holderNameMasked', 'numberMasked', 'validity', 'status'],
      at: new Date(base),
    });
    t.usageLog.record({
      certificateId: wangCertificateId,
      channel: 'LOOKUP',
      verifierRole: 'anonymous',
      result: 'VALID',
      fieldsShown: ['status', 'validity'],
      at: new Date(base + 60_000),
    });
    t.usageLog.record({
      certificateId: wangCertificateId,
      channel: 'PARTNER_API',
      verifierRole: 'partner:FREIGHT_PLATFORM',
      partnerId: partner.id,
      result: 'VALID',
      fieldsShown: ['status', 'validity', 'qualification'],
      at: new Date(base + 120_000),
    });
    // Not flushed on purpose: the endpoint must show what is still queued.
    const res = await t.api(`/api/v1/me/usage?certificateId=${wangCertificateId}`, { token: wang.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.total).toBe(3);
    expect(
      res.json.items.map((i: { channelLabel: string; verifierLabel: string; resultLabel: string }) => [
        i.channelLabel,
        i.verifierLabel,
        i.resultLabel,
      ]),
    ).toEqual([
      ['合作机构接口核验', '运满满测试平台（网络货运平台）', '有效'],
      ['凭证号查询', '凭证号查询（未登录）', '有效'],
      ['扫码核验（网页）', '匿名核验', '有效'],
    ]);
    expect(res.json.items[0]).toMatchObject({
      partnerName: '运满满测试平台',
      fieldsShown: ['status', 'validity', 'qualification'],
      fieldsShownLabels: ['证照状态', '有效期', '从业资格类别、准驾车型'],
    });
    expect(res.json.items[2].at).toBe(new Date(base).toISOString());
  });

  it('pages', async () => {
    const first = await t.api(`/api/v1/me/usage?certificateId=${wangCertificateId}&pageSize=2`, { token: wang.token });
    const second = await t.api(`/api/v1/me/usage?certificateId=${wangCertificateId}&pageSize=2&page=2`, {
      token: wang.token,
    });
    expect(first.json.items.map((i: { channel: string }) => i.channel)).toEqual(['PARTNER_API', 'LOOKUP']);
    expect(second.json).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.json.items.map((i: { channel: string }) => i.channel)).toEqual(['QR_PORTAL']);
    expect(
      (await t.api(`/api/v1/me/usage?certificateId=${wangCertificateId}&pageSize=500`, { token: wang.token })).json
        .code,
    ).toBe('VALIDATION_FAILED');
  });

  it("answers 404 for another holder's certificate and for made-up ids, and needs a session", async () => {
    t.usageLog.record({
      certificateId: liCertificateId,
      channel: 'LOOKUP',
      verifierRole: 'anonymous',
      result: 'VALID',
      fieldsShown: ['status'],
    });
    const other = await t.api(`/api/v1/me/usage?certificateId=${liCertificateId}`, { token: wang.token });
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('NOT_FOUND');
    expect((await t.api('/api/v1/me/usage?certificateId=abc', { token: wang.token })).status).toBe(404);
    expect((await t.api(`/api/v1/me/usage?certificateId=${liCertificateId}`)).status).toBe(401);
    const own = await t.api(`/api/v1/me/usage?certificateId=${liCertificateId}`, { token: li.token });
    expect(own.json.total).toBe(1);
  });

  it('without certificateId: every certificate the caller may see, newest first, paged, saying which certificate', async () => {
    const oldPaper = await t.prisma.certificate.findFirstOrThrow({
      where: { holderId: (await holderOf('driver-electronic')).id, carrier: 'PAPER' },
    });
    t.usageLog.record({
      certificateId: oldPaper.id,
      channel: 'LOOKUP',
      verifierRole: 'anonymous',
      result: 'NOT_VALID',
      fieldsShown: ['status'],
      at: new Date(Date.UTC(2026, 10, 20, 8, 1, 30)),
    });
    const all = await t.api('/api/v1/me/usage', { token: wang.token });
    expect(all.status, all.text).toBe(200);
    // Wang's three on the e-certificate and one on the replaced paper one; Li's record is not his.
    expect(all.json.total).toBe(4);
    expect(all.json.items.map((i: { channel: string; certificateId: string }) => [i.channel, i.certificateId])).toEqual(
      [
        ['PARTNER_API', wangCertificateId],
        ['LOOKUP', oldPaper.id],
        ['LOOKUP', wangCertificateId],
        ['QR_PORTAL', wangCertificateId],
      ],
    );
    const second = await t.api('/api/v1/me/usage?pageSize=3&page=2', { token: wang.token });
    expect(second.json).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(second.json.items.map((i: { channel: string }) => i.channel)).toEqual(['QR_PORTAL']);
  });

  it('without certificateId asks an account with no holder and no operator to bind first', async () => {
    const stranger = await signInAccount(t);
    const res = await t.api('/api/v1/me/usage', { token: stranger.token });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('REAL_NAME_REQUIRED');
  });

  it('is readable by a member of the operator (VIEWER too)', async () => {
    const operator = await t.prisma.holder.findFirstOrThrow({ where: { creditCode: demo('operator').identityCode } });
    const licence = await t.prisma.certificate.findFirstOrThrow({ where: { holderId: operator.id, typeCode: 'D008' } });
    const viewer = await signInAccount(t);
    await t.prisma.operatorMember.create({
      data: { operatorId: operator.id, accountId: viewer.accountId, role: 'VIEWER' },
    });
    const res = await t.api(`/api/v1/me/usage?certificateId=${licence.id}`, { token: viewer.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ items: [], total: 0 });
    // All of them: the operator's certificates, and only those.
    t.usageLog.record({
      certificateId: licence.id,
      channel: 'QR_MINIAPP',
      verifierRole: 'inspector',
      result: 'VALID',
      fieldsShown: ['status'],
    });
    const all = await t.api('/api/v1/me/usage', { token: viewer.token });
    expect(all.status, all.text).toBe(200);
    expect(all.json.items.map((i: { certificateId: string }) => i.certificateId)).toEqual([licence.id]);
  });
});
