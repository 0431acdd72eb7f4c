import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerScopeList, type PartnerScope, type PresentationBatch } from '@roadcert/shared';
import { heldQrAt } from '@roadcert/shared/presentation';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { demo } from '../../test/identity-steps';
import { generateApiKey } from './api-keys';
import { DEMO_PARTNER_FILE, DEMO_PARTNER_NAME, ensureDemoPartner } from './demo-partner';
import { PARTNER_CHECKS_PER_NUMBER_PER_HOUR } from './partners.routes';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function partnerWith(scopes: PartnerScope[], options: { rateLimitPerMinute?: number; revoked?: boolean } = {}) {
  const key = generateApiKey();
  const partner = await t.prisma.partner.create({
    data: {
      name: `测试平台${key.prefix}`,
      kind: 'SHIPPER',
      apiKeyHash: key.hash,
      apiKeyPrefix: key.prefix,
      scopes,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { key: key.key, id: partner.id };
}

const check = (key: string | null, body: Record<string, unknown>) =>
  t.api('/api/v1/partner/check', { body, headers: key ? { authorization: `Bearer ${key}` } : {} });
const OPERATOR = '广州顺达物流有限公司';
const truck = { typeCode: 'D013', number: '粤交运管穗字440100165716号', name: OPERATOR, plate: '粤A3K7Q2' };
const driver = {
  typeCode: 'D071',
  number: demo('driver-electronic').identityCode,
  name: demo('driver-electronic').name,
};

describe('partner API keys', () => {
  it('refuses a missing key (401 UNAUTHENTICATED), a made-up or malformed key (401 PARTNER_KEY_INVALID)', async () => {
    expect((await check(null, truck)).json).toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const key of [generateApiKey().key, 'rk_short', 'sk_live_0123456789abcdefghijklmnop']) {
      const res = await check(key, truck);
      expect(res.status, key).toBe(401);
      expect(res.json.code).toBe('PARTNER_KEY_INVALID');
    }
    const session = await t.api('/api/v1/partner/check', { body: truck, headers: { authorization: 'Basic abc' } });
    expect(session.json.code).toBe('PARTNER_KEY_INVALID');
  });

  it('the OpenAPI document names the partner key as the partner routes’ security (and only theirs)', () => {
    const doc = t.openapi as unknown as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components?: { securitySchemes?: Record<string, { scheme?: string; bearerFormat?: string }> };
    };
    expect(doc.components?.securitySchemes?.partnerApiKey).toMatchObject({ scheme: 'bearer', bearerFormat: 'rk_…' });
    const withPartnerKey = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => JSON.stringify(op.security ?? []).includes('partnerApiKey'))
        .map(([method]) => `${method} ${path}`),
    );
    expect(withPartnerKey.sort()).toEqual([
      'post /api/v1/partner/certificate-files/verify',
      'post /api/v1/partner/check',
      'post /api/v1/partner/verify',
    ]);
    expect(doc.paths['/api/v1/verify']!.post!.security).toEqual([]);
  });

  it('refuses a revoked key exactly like an unknown one', async () => {
    const revoked = await partnerWith(['check'], { revoked: true });
    const res = await check(revoked.key, truck);
    expect(res.status).toBe(401);
    expect({ ...res.json, requestId: undefined }).toEqual({
      ...(await check(generateApiKey().key, truck)).json,
      requestId: undefined,
    });
  });

  it('refuses a key without the check scope (403)', async () => {
    const verifyOnly = await partnerWith(['verify', 'fields:basic']);
    const res = await check(verifyOnly.key, truck);
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('PARTNER_SCOPE_MISSING');
  });

  it('stops a partner at its rateLimitPerMinute with 429 and the wait; other partners are not affected', async () => {
    const slow = await partnerWith(['check'], { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await check(slow.key, truck)).status).toBe(200);
    const limited = await check(slow.key, truck);
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('RATE_LIMITED');
    expect(limited.json.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.json.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.json.message).toContain('每分钟最多3次');
    expect((await check((await partnerWith(['check'])).key, truck)).status).toBe(200);
  });
});

describe('POST /api/v1/partner/check', () => {
  it('with only the check scope: type, status and validity — nothing else', async () => {
    const p = await partnerWith(['check']);
    const res = await check(p.key, truck);
    expect(res.status, res.text).toBe(200);
    expect(res.json.matched).toBe(true);
    expect(Object.keys(res.json.certificate).sort()).toEqual([
      'replacedByElectronic',
      'status',
      'statusLabel',
      'typeCode',
      'typeName',
      'valid',
      'validFrom',
      'validUntil',
    ]);
    expect(res.json.fieldsShown).toEqual(['type', 'status', 'validity']);
  });

  it('adds the scoped fields: basic + holder + vehicle for a 道路运输证', async () => {
    const p = await partnerWith(['check', 'fields:basic', 'fields:holder', 'fields:vehicle', 'fields:qualification']);
    const res = await check(p.key, truck);
    expect(res.json.certificate).toMatchObject({
      valid: true,
      numberMasked: '粤交运管穗字440100165716号',
      issuingAuthority: '广州市交通运输局',
      carrier: 'ELECTRONIC',
      holderName: OPERATOR,
      vehicle: {
        plateNumber: '粤A3K7Q2',
        plateColour: '黄色',
        vehicleType: 'H11',
        capacity: '18吨',
        dimensions: '11980×2550×3980毫米',
        businessScope: ['道路普通货物运输'],
      },
    });
    expect(res.json.certificate.qualification).toBeUndefined();
    expect(res.json.fieldsShown).toEqual([
      'type',
      'status',
      'validity',
      'numberMasked',
      'issuingAuthority',
      'carrier',
      'holderName',
      'plateNumber',
      'vehicle',
      'businessScope',
    ]);
  });

  it('masks a person: masked number and name, qualification with fields:qualification; never the ID number', async () => {
    const p = await partnerWith(['check', 'fields:basic', 'fields:holder', 'fields:qualification']);
    const res = await check(p.key, driver);
    expect(res.json.certificate).toMatchObject({
      carrier: 'ELECTRONIC',
      holderName: '王*',
      replacedByElectronic: true,
      qualification: { licenceClasses: 'B2' },
    });
    expect(res.json.certificate.qualification.categories).toHaveLength(1);
    expect(res.json.certificate.numberMasked).toMatch(/^4401\*+\d{3}[\dX]$/);
    expect(res.text).not.toContain(demo('driver-electronic').identityCode);
    expect(res.json.fieldsShown).toEqual([
      'type',
      'status',
      'validity',
      'replacement',
      'numberMasked',
      'issuingAuthority',
      'carrier',
      'holderNameMasked',
      'qualification',
    ]);
  });

  it('answers matched: false for a wrong name, and validates like the lookup', async () => {
    const p = await partnerWith(['check']);
    expect((await check(p.key, { ...driver, name: '王五' })).json).toMatchObject({
      matched: false,
      certificate: null,
      fieldsShown: [],
    });
    const bad = await check(p.key, { ...truck, plate: undefined });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.plate).toBeDefined();
  });

  it(`allows ${PARTNER_CHECKS_PER_NUMBER_PER_HOUR} checks of one number per key an hour (no name guessing at the full rate)`, async () => {
    const p = await partnerWith(['check']);
    const base = { typeCode: 'D071', number: demo('driver-lapsed').identityCode };
    for (let i = 0; i < PARTNER_CHECKS_PER_NUMBER_PER_HOUR; i++)
      expect((await check(p.key, { ...base, name: `孙${i}` })).json.matched).toBe(false);
    const limited = await check(p.key, { ...base, name: demo('driver-lapsed').name });
    expect(limited.status).toBe(429);
    expect(limited.json.message).toContain('同一证号查询过于频繁');
    expect((await check(p.key, truck)).status).toBe(200);
  });

  it('logs PARTNER_API usage events with the partner, its role and field names only', async () => {
    const p = await partnerWith(['check', 'fields:basic']);
    await check(p.key, truck);
    await check(p.key, { ...truck, name: '别人' });
    await t.usageLog.flush();
    const rows = await t.prisma.verificationEvent.findMany({ where: { partnerId: p.id } });
    expect(rows.map((r) => [r.channel, r.verifierRole, r.result, r.fieldsShown])).toEqual([
      [
        'PARTNER_API',
        'partner:SHIPPER',
        'VALID',
        ['type', 'status', 'validity', 'numberMasked', 'issuingAuthority', 'carrier'],
      ],
    ]);
  });
});

describe('POST /api/v1/partner/verify', () => {
  let qrText: string;
  let certificateId: string;
  const verify = (key: string, token: string) =>
    t.api('/api/v1/partner/verify', { body: { token }, headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    const wang = await signInAccount(t, { holderKey: 'driver-electronic' });
    const holder = await t.prisma.holder.findUniqueOrThrow({
      where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo('driver-electronic').identityCode, 'id-number') },
    });
    certificateId = (
      await t.prisma.certificate.findFirstOrThrow({ where: { holderId: holder.id, carrier: 'ELECTRONIC' } })
    ).id;
    const batch = await t.api(`/api/v1/me/certificates/${certificateId}/presentation?hours=1`, { token: wang.token });
    expect(batch.status, batch.text).toBe(200);
    // The QR of 5 s from now: still inside its window (± skew) while the test runs.
    qrText = heldQrAt(batch.json as PresentationBatch, Date.now() + 5_000)!.qrText;
  });

  it('verifies a holder token through the presentation verifier and returns the scoped fields; logs PARTNER_API only', async () => {
    const p = await partnerWith(['verify', 'fields:qualification']);
    const before = await t.prisma.verificationEvent.count({ where: { certificateId } });
    const res = await verify(p.key, qrText);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      verdict: 'VALID',
      reason: null,
      certificate: {
        typeCode: 'D071',
        valid: true,
        replacedByElectronic: true,
        qualification: { licenceClasses: 'B2' },
      },
    });
    expect(res.json.certificate.numberMasked).toBeUndefined();
    expect(res.json.certificate.holderName).toBeUndefined();
    expect(res.json.fieldsShown).toEqual(['type', 'status', 'validity', 'replacement', 'qualification']);
    await t.usageLog.flush();
    const rows = await t.prisma.verificationEvent.findMany({ where: { certificateId }, orderBy: { at: 'asc' } });
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({
      channel: 'PARTNER_API',
      verifierRole: 'partner:SHIPPER',
      partnerId: p.id,
      result: 'VALID',
    });
  });

  it('needs the verify scope; a broken token is INVALID with no certificate and no event', async () => {
    expect((await verify((await partnerWith(['check'])).key, qrText)).json.code).toBe('PARTNER_SCOPE_MISSING');
    const p = await partnerWith(['verify', 'fields:basic']);
    const res = await verify(p.key, '1234567890');
    expect(res.json).toMatchObject({ verdict: 'INVALID', certificate: null, fieldsShown: [] });
    expect(res.json.reason).toMatch(/[\u4e00-\u9fa5]/);
    await t.usageLog.flush();
    expect(await t.prisma.verificationEvent.count({ where: { partnerId: p.id } })).toBe(0);
  });

  it('says NOT_VALID once the certificate is revoked, still with the scoped view', async () => {
    const p = await partnerWith(['verify', 'fields:basic']);
    await t.prisma.certificate.update({
      where: { id: certificateId },
      data: { status: 'REVOKED', presentationEpoch: { increment: 1 } },
    });
    const res = await verify(p.key, qrText);
    expect(res.json).toMatchObject({
      verdict: 'NOT_VALID',
      certificate: { status: 'REVOKED', valid: false, carrier: 'ELECTRONIC' },
    });
    expect(res.json.reason).toContain('吊销');
    await t.prisma.certificate.update({ where: { id: certificateId }, data: { status: 'VALID' } });
  });
});

describe('demo partner (embedded mode)', () => {
  it('creates one partner with a random key kept in DATA_DIR, the same on the next start, and none in production', async () => {
    const lines: object[] = [];
    const logger = { warn: (obj: object) => void lines.push(obj) };
    const key = await ensureDemoPartner({ prisma: t.prisma, config: t.deps.config, logger });
    expect(key).toMatch(/^rk_[A-Za-z0-9_-]{32}$/);
    expect(JSON.parse(await readFile(path.join(t.deps.config.dataDir, DEMO_PARTNER_FILE), 'utf8'))).toEqual({
      apiKey: key,
    });
    expect(await ensureDemoPartner({ prisma: t.prisma, config: t.deps.config, logger })).toBe(key);
    const rows = await t.prisma.partner.findMany({ where: { name: DEMO_PARTNER_NAME } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.apiKeyHash).not.toContain(key!.slice(3));
    expect(rows[0]!.scopes).toEqual([...partnerScopeList]);
    expect(lines[0]).toMatchObject({ demoPartnerApiKey: key, standIn: true });
    expect((await check(key, truck)).json.matched).toBe(true);
    expect(
      await ensureDemoPartner({ prisma: t.prisma, config: { ...t.deps.config, mode: 'production' }, logger }),
    ).toBeNull();
  });
});
