import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { demo } from '../../test/identity-steps';
import { generateApiKey } from './api-keys';

/**
 * Every log line the app writes while lookups, partner checks, shares and the usage log
 * run — captured without the logger's redaction safety net — carries no name, ID number,
 * plate, share secret or API key.
 */
const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) });
});
afterAll(() => t?.close());

describe('logs carry no personal data', () => {
  it('across lookup, partner check, sharing, usage and a lost usage event', async () => {
    const wangId = demo('driver-electronic').identityCode;
    const zhangId = demo('driver-paper').identityCode;
    const secrets: string[] = [];

    await t.api('/api/v1/lookup', { body: { typeCode: 'D071', number: wangId, name: '王强' } });
    await t.api('/api/v1/lookup', { body: { typeCode: 'D071', number: zhangId, name: '张三丰' } });
    await t.api('/api/v1/lookup', {
      body: { typeCode: 'D071', number: zhangId.slice(0, 17) + (zhangId.endsWith('1') ? '2' : '1'), name: '张伟' },
    });
    await t.api('/api/v1/lookup', {
      body: { typeCode: 'D013', number: '粤交运管穗字440100165716号', name: '广州顺达物流有限公司', plate: '粤A3K7Q2' },
    });

    const key = generateApiKey();
    secrets.push(key.key);
    await t.prisma.partner.create({
      data: {
        name: '日志测试平台',
        kind: 'INSURER',
        apiKeyHash: key.hash,
        apiKeyPrefix: key.prefix,
        scopes: ['check', 'fields:holder'],
      },
    });
    const checked = await t.api('/api/v1/partner/check', {
      body: { typeCode: 'D071', number: wangId, name: '王强' },
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(checked.json.matched).toBe(true);
    await t.api('/api/v1/partner/check', {
      body: { typeCode: 'D071', number: wangId, name: '王强' },
      headers: { authorization: `Bearer ${generateApiKey().key}` },
    });

    const wang = await signInAccount(t, { holderKey: 'driver-electronic' });
    const certificate = await t.prisma.certificate.findFirstOrThrow({
      where: { carrier: 'ELECTRONIC', typeCode: 'D071', status: 'VALID', activatedAt: { not: null } },
    });
    const created = await t.api('/api/v1/me/shares', {
      token: wang.token,
      body: {
        certificateIds: [certificate.id],
        purposeCode: 'INSURANCE',
        recipientName: '平安保险',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(created.status, created.text).toBe(201);
    const secret = created.json.link.split('/s/')[1] as string;
    secrets.push(secret);
    await t.api(`/api/v1/shares/${secret}`);
    await fetch(`${t.baseUrl}/s/${secret}`, { redirect: 'manual' });
    await t.api(`/api/v1/me/shares/${created.json.share.id}/revoke`, { token: wang.token, method: 'POST' });
    await t.api(`/api/v1/shares/${secret}`);
    await t.api(`/api/v1/me/usage?certificateId=${certificate.id}`, { token: wang.token });

    t.usageLog.record({
      certificateId: '0190a000-0000-7000-8000-0000000000ff',
      channel: 'LOOKUP',
      verifierRole: 'anonymous',
      result: 'VALID',
      fieldsShown: ['status'],
    });
    await t.usageLog.flush();

    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(logged).toContain('usage log events lost after retry');
    for (const needle of [
      wangId,
      zhangId,
      zhangId.slice(0, 17),
      '王强',
      '张伟',
      '张三丰',
      '粤A3K7Q2',
      '440100165716',
      '0190a000-0000-7000-8000-0000000000ff',
      ...secrets,
    ]) {
      expect(logged, needle).not.toContain(needle);
    }
  });
});
