import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckChar, lookupLimits } from '@roadcert/shared';
import { startTestApp, type TestApp } from '../../test/app';
import { randomIp } from '../../test/auth-steps';
import { demo } from '../../test/identity-steps';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const lookup = (body: Record<string, unknown>, ip = randomIp()) =>
  t.api('/api/v1/lookup', { body, headers: { 'x-forwarded-for': ip } });
const person = (key: Parameters<typeof demo>[0]) => ({
  typeCode: 'D071',
  number: demo(key).identityCode,
  name: demo(key).name,
});
const withoutTime = (body: Record<string, unknown>) => ({ ...body, checkedAt: undefined });
const LICENCE = '粤交运管许可穗字440100151081号';
const OPERATOR = '广州顺达物流有限公司';

describe('POST /api/v1/lookup — answers', () => {
  it('finds a paper 从业资格证 by number + name: status and validity only', async () => {
    const res = await lookup(person('driver-paper'));
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      found: true,
      typeCode: 'D071',
      status: 'VALID',
      statusLabel: '有效',
      valid: true,
      carrier: 'PAPER',
      replacedByElectronic: false,
      message: '证照有效',
    });
    expect(res.json.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(res.json).sort()).toEqual([
      'carrier',
      'checkedAt',
      'found',
      'message',
      'replacedByElectronic',
      'status',
      'statusLabel',
      'typeCode',
      'typeName',
      'valid',
      'validFrom',
      'validUntil',
    ]);
    expect(res.text).not.toContain(demo('driver-paper').identityCode);
    expect(res.text).not.toContain('张');
  });

  it('says 已换发电子证照 for a number whose paper certificate was replaced, and reports the current one', async () => {
    const res = await lookup(person('driver-electronic'));
    expect(res.json).toMatchObject({
      found: true,
      status: 'VALID',
      carrier: 'ELECTRONIC',
      replacedByElectronic: true,
      message: '该证号的纸质或IC卡证已换发电子证照。证照有效',
    });
  });

  it('reports an IC-card certificate, and an expired one as not valid', async () => {
    expect((await lookup(person('driver-ic'))).json).toMatchObject({ found: true, carrier: 'IC_CARD', valid: true });
    expect((await lookup(person('driver-lapsed'))).json).toMatchObject({
      found: true,
      status: 'EXPIRED',
      statusLabel: '已过期',
      valid: false,
      message: '证照已过期，当前无效',
    });
  });

  it('gives the same answer for a wrong name as for a number nobody holds (no enumeration)', async () => {
    const wrongName = await lookup({ ...person('driver-paper'), name: '张三' });
    const first17 = '44010619850312452';
    const unknownNumber = await lookup({
      typeCode: 'D071',
      number: first17 + citizenIdCheckChar(first17),
      name: '张伟',
    });
    const wrongType = await lookup({ ...person('driver-paper'), typeCode: 'D072' });
    expect(wrongName.status).toBe(200);
    expect(withoutTime(wrongName.json)).toEqual(withoutTime(unknownNumber.json));
    expect(withoutTime(wrongName.json)).toMatchObject({
      found: false,
      status: null,
      validUntil: null,
      carrier: null,
      valid: false,
    });
    expect(wrongType.json.found).toBe(false);
  });

  it('matches an operating licence by its printed number or by its digits, with the exact name (surrounding spaces ignored)', async () => {
    expect((await lookup({ typeCode: 'D008', number: LICENCE, name: OPERATOR })).json).toMatchObject({
      found: true,
      carrier: 'ELECTRONIC',
      valid: true,
    });
    expect((await lookup({ typeCode: 'D008', number: '440100151081', name: ` ${OPERATOR} ` })).json).toMatchObject({
      found: true,
    });
    expect((await lookup({ typeCode: 'D008', number: '４４０１００１５１０８１', name: OPERATOR })).json).toMatchObject(
      { found: true },
    );
    expect((await lookup({ typeCode: 'D008', number: '440100151081', name: '广州顺达物流' })).json).toMatchObject({
      found: false,
    });
  });

  it('needs the right plate for a 道路运输证', async () => {
    const number = '粤交运管穗字440100165716号';
    expect((await lookup({ typeCode: 'D013', number, name: OPERATOR, plate: '粤A3K7Q2' })).json).toMatchObject({
      found: true,
      carrier: 'ELECTRONIC',
    });
    expect(
      (await lookup({ typeCode: 'D013', number: '440100165716', name: OPERATOR, plate: '粤a·3k7q2' })).json,
    ).toMatchObject({ found: true });
    expect((await lookup({ typeCode: 'D013', number, name: OPERATOR, plate: '粤A6M2X9' })).json).toMatchObject({
      found: false,
    });
    const noPlate = await lookup({ typeCode: 'D013', number, name: OPERATOR });
    expect(noPlate.status).toBe(400);
    expect(noPlate.json).toMatchObject({ code: 'VALIDATION_FAILED', fields: { plate: '车辆证照请填写车牌号' } });
  });

  it('refuses malformed numbers with a clear Chinese message (check digit, format)', async () => {
    const badCheck = await lookup({
      ...person('driver-paper'),
      number:
        demo('driver-paper').identityCode.slice(0, 17) + (demo('driver-paper').identityCode.endsWith('0') ? '1' : '0'),
    });
    expect(badCheck.status).toBe(400);
    expect(badCheck.json.code).toBe('VALIDATION_FAILED');
    expect(badCheck.json.fields.number).toContain('校验');
    const badFormat = await lookup({ typeCode: 'D008', number: 'abc', name: OPERATOR });
    expect(badFormat.json.fields.number).toContain('经营许可证');
    expect((await lookup({ typeCode: 'X999', number: '1', name: 'a' })).json.code).toBe('VALIDATION_FAILED');
  });

  it('writes a LOOKUP usage event for matches only, with field names and no values', async () => {
    await t.usageLog.flush();
    const rows = await t.prisma.verificationEvent.findMany({ where: { channel: 'LOOKUP' } });
    const certificates = await t.prisma.certificate.findMany({
      where: { id: { in: rows.map((r) => r.certificateId) } },
      select: { typeCode: true, carrier: true },
    });
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.every((r) => r.verifierRole === 'anonymous' && r.partnerId === null)).toBe(true);
    expect(certificates.some((c) => c.typeCode === 'D013')).toBe(true);
    expect(
      rows
        .flatMap((r) => r.fieldsShown)
        .every((f) => ['type', 'status', 'validity', 'carrier', 'replacement'].includes(f)),
    ).toBe(true);
  });
});

describe('POST /api/v1/lookup — limits', () => {
  it(`allows ${lookupLimits.perIpPerMinute} lookups a minute from one address, then 429 with the wait (other addresses unaffected)`, async () => {
    const ip = randomIp();
    for (let i = 0; i < lookupLimits.perIpPerMinute; i++) {
      const res = await lookup(
        { typeCode: 'D008', number: `4401001510${String(i).padStart(2, '0')}`, name: OPERATOR },
        ip,
      );
      expect(res.status).toBe(200);
    }
    const limited = await lookup({ typeCode: 'D008', number: LICENCE, name: OPERATOR }, ip);
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.json.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.json.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.headers.get('retry-after')).toBe(String(limited.json.retryAfterSeconds));
    expect((await lookup({ typeCode: 'D008', number: LICENCE, name: OPERATOR }, randomIp())).status).toBe(200);
  });

  it(`allows ${lookupLimits.perNumberPerHour} lookups of one number an hour from any addresses (name guessing), then 429`, async () => {
    const base = { typeCode: 'D071', number: demo('driver-mismatch').identityCode };
    for (let i = 0; i < lookupLimits.perNumberPerHour; i++)
      expect((await lookup({ ...base, name: `赵${i}` })).json.found).toBe(false);
    const limited = await lookup({ ...base, name: demo('driver-mismatch').name });
    expect(limited.status).toBe(429);
    expect(limited.json.message).toContain('该证号查询过于频繁');
  });
});

describe('POST /api/v1/lookup — without TRUST_PROXY', () => {
  let direct: TestApp;
  beforeAll(async () => {
    direct = await startTestApp({ env: { TRUST_PROXY: 'false' } });
  });
  afterAll(() => direct?.close());

  it('ignores X-Forwarded-For: a client cannot dodge the per-IP limit by sending one', async () => {
    const ask = (i: number) =>
      direct.api('/api/v1/lookup', {
        body: { typeCode: 'D008', number: `4401001520${String(i).padStart(2, '0')}`, name: OPERATOR },
        headers: { 'x-forwarded-for': randomIp() },
      });
    for (let i = 0; i < lookupLimits.perIpPerMinute; i++) expect((await ask(i)).status).toBe(200);
    expect((await ask(99)).status).toBe(429);
  });
});
