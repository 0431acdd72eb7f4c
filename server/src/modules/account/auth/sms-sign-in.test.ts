import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { randomIp, randomPhone, readConsoleCode, requestSmsCode, smsLogin } from '../../../test/auth-steps';
import { createConsoleSms } from '../../../adapters/sms/console-sms';
import { startAliyunSmsStandIn } from '../../../adapters/sms/aliyun-stand-in';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t?.close());

const MIN = 60_000;
const phoneHash = (phone: string) => t.deps.fieldCrypto.blindIndex(phone, 'phone');
/** Earlier sends of this number (or from this IP), as rows with backdated createdAt. */
async function pastSends(phone: string, minutesAgo: number[], ip = randomIp()) {
  for (const m of minutesAgo) {
    await t.prisma.verificationCode.create({
      data: {
        phoneHash: phoneHash(phone),
        purpose: 'login',
        codeHash: 'x'.repeat(64),
        expiresAt: new Date(Date.now() - m * MIN + 5 * MIN),
        requestIp: t.deps.fieldCrypto.blindIndex(ip, 'sms-request-ip'),
        createdAt: new Date(Date.now() - m * MIN),
      },
    });
  }
}
const latestCode = (phone: string) =>
  t.prisma.verificationCode.findFirstOrThrow({
    where: { phoneHash: phoneHash(phone) },
    orderBy: { createdAt: 'desc' },
  });
const retryAfter = (res: { headers: Headers }) => Number(res.headers.get('retry-after'));

describe('POST /api/v1/auth/sms-codes', () => {
  it('sends a 6-digit code through the console stand-in, stored only as a keyed hash with the IP hashed', async () => {
    const phone = randomPhone();
    const res = await requestSmsCode(t, phone, '203.0.113.77');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60, deliveredBy: 'console' });
    const code = await readConsoleCode(t, phone);
    const row = await latestCode(phone);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.codeHash).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(row.requestIp).toBe(t.deps.fieldCrypto.blindIndex('203.0.113.77', 'sms-request-ip'));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(299_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThan(301_000);
  });

  it('shows the message in the local outbox with the number masked, labelled stand-in', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const res = await t.api(`/api/v1/dev/sms-outbox?phone=${phone}`);
    expect(res.status).toBe(200);
    expect(res.json.standIn).toBe(true);
    expect(res.json.items).toHaveLength(1);
    expect(res.json.items[0].phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(res.json.items[0].text).toMatch(/^【道路运输电子证照】验证码\d{6}，5分钟内有效。如非本人操作请忽略。$/);
  });

  it('allows one code per minute per number (429 SMS_RATE_LIMITED with Retry-After and retryAfterSeconds)', async () => {
    const phone = randomPhone();
    expect((await requestSmsCode(t, phone)).status).toBe(200);
    const res = await requestSmsCode(t, phone);
    expect(res.status).toBe(429);
    expect(res.json.code).toBe('SMS_RATE_LIMITED');
    expect(retryAfter(res)).toBeGreaterThan(55);
    expect(retryAfter(res)).toBeLessThanOrEqual(60);
    // The same wait in the body, for clients that cannot read response headers.
    expect(res.json.retryAfterSeconds).toBe(retryAfter(res));
  });

  it('allows five per hour per number', async () => {
    const phone = randomPhone();
    await pastSends(phone, [50, 40, 30, 20]);
    expect((await requestSmsCode(t, phone)).status).toBe(200);
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone), createdAt: { gt: new Date(Date.now() - MIN) } },
      data: { createdAt: new Date(Date.now() - 10 * MIN) },
    });
    const res = await requestSmsCode(t, phone);
    expect(res.status).toBe(429);
    expect(res.json.code).toBe('SMS_RATE_LIMITED');
    // The oldest of the five (50 min ago) leaves the hour in about 10 minutes.
    expect(retryAfter(res)).toBeGreaterThan(9 * 60);
    expect(retryAfter(res)).toBeLessThanOrEqual(10 * 60);
  });

  it('allows ten per day per number', async () => {
    const phone = randomPhone();
    await pastSends(phone, [20 * 60, 18 * 60, 16 * 60, 14 * 60, 12 * 60, 10 * 60, 8 * 60, 6 * 60, 4 * 60]);
    expect((await requestSmsCode(t, phone)).status).toBe(200);
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone), createdAt: { gt: new Date(Date.now() - MIN) } },
      data: { createdAt: new Date(Date.now() - 2 * 60 * MIN) },
    });
    const res = await requestSmsCode(t, phone);
    expect(res.status).toBe(429);
    expect(res.json.message).toContain('4小时');
    // The oldest (20 h ago) leaves the 24 h window in about 4 hours.
    expect(retryAfter(res)).toBeGreaterThan(4 * 3600 - 60);
    expect(retryAfter(res)).toBeLessThanOrEqual(4 * 3600);
  });

  it('allows twenty per hour per IP, whatever the numbers', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 19; i += 1) await pastSends(randomPhone(), [30], ip);
    expect((await requestSmsCode(t, randomPhone(), ip)).status).toBe(200);
    const res = await requestSmsCode(t, randomPhone(), ip);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ code: 'SMS_RATE_LIMITED', message: expect.stringContaining('当前网络') });
    expect(retryAfter(res)).toBeGreaterThan(29 * 60);
    expect((await requestSmsCode(t, randomPhone(), '198.51.100.21')).status).toBe(200);
  });

  it('refuses a malformed number with 400 naming the field', async () => {
    const res = await t.api('/api/v1/auth/sms-codes', { body: { phone: '1234' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'VALIDATION_FAILED', fields: { phone: '请输入正确的11位手机号码' } });
  });
});

describe('POST /api/v1/auth/sms-login', () => {
  it('signs in: creates the account (phone sealed), returns both tokens and the profile', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const res = await smsLogin(t, phone, await readConsoleCode(t, phone), {
      platform: 'h5',
      label: 'Chrome · Windows',
    });
    expect(res.status).toBe(200);
    expect(res.json.account).toMatchObject({
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      holder: null,
      operators: [],
      consents: [],
      faceVerifiedUntil: null,
    });
    const accessExp = Date.parse(res.json.accessTokenExpiresAt) - Date.now();
    expect(accessExp).toBeGreaterThan(14 * MIN);
    expect(accessExp).toBeLessThanOrEqual(15 * MIN);
    expect(Date.parse(res.json.refreshTokenExpiresAt) - Date.now()).toBeGreaterThan(29.9 * 24 * 60 * MIN);
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: res.json.account.id } });
    expect(account.phoneHash).toBe(phoneHash(phone));
    expect(Buffer.from(account.phoneEnc!).toString('latin1')).not.toContain(phone);
    expect(t.deps.fieldCrypto.decrypt(account.phoneEnc!, 'phone')).toBe(phone);
    const session = await t.prisma.session.findFirstOrThrow({ where: { accountId: account.id } });
    expect(session).toMatchObject({ platform: 'h5', deviceLabel: 'Chrome · Windows', revokedAt: null });
    expect((await t.api('/api/v1/me/sessions', { token: res.json.accessToken })).status).toBe(200);
  });

  it('signs the same number into the same account next time', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const first = await smsLogin(t, phone, await readConsoleCode(t, phone));
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone) },
      data: { createdAt: new Date(Date.now() - 2 * MIN) },
    });
    await requestSmsCode(t, phone);
    const second = await smsLogin(t, phone, await readConsoleCode(t, phone));
    expect(second.json.account.id).toBe(first.json.account.id);
    expect(await t.prisma.account.count({ where: { phoneHash: phoneHash(phone) } })).toBe(1);
  });

  it('a code works once: replaying it answers SMS_CODE_INVALID', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const code = await readConsoleCode(t, phone);
    expect((await smsLogin(t, phone, code)).status).toBe(200);
    const replay = await smsLogin(t, phone, code);
    expect(replay.status).toBe(400);
    expect(replay.json.code).toBe('SMS_CODE_INVALID');
  });

  it('an expired code answers SMS_CODE_EXPIRED, even when right', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const code = await readConsoleCode(t, phone);
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await smsLogin(t, phone, code);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('SMS_CODE_EXPIRED');
  });

  it('only the newest code counts', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const older = await readConsoleCode(t, phone);
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone) },
      data: { createdAt: new Date(Date.now() - 2 * MIN) },
    });
    await requestSmsCode(t, phone);
    const newer = await readConsoleCode(t, phone);
    if (older !== newer) expect((await smsLogin(t, phone, older)).json.code).toBe('SMS_CODE_INVALID');
    expect((await smsLogin(t, phone, newer)).status).toBe(200);
  });

  it('a number with no code answers SMS_CODE_INVALID', async () => {
    const res = await smsLogin(t, randomPhone(), '123456');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('SMS_CODE_INVALID');
  });

  it('five wrong codes kill the code and lock the number for 15 minutes', async () => {
    const phone = randomPhone();
    await requestSmsCode(t, phone);
    const code = await readConsoleCode(t, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i += 1) {
      const res = await smsLogin(t, phone, wrong);
      expect(res.json).toMatchObject({ code: 'SMS_CODE_INVALID', message: `验证码错误，还可尝试${5 - i}次` });
    }
    const fifth = await smsLogin(t, phone, wrong);
    expect(fifth.status).toBe(429);
    expect(fifth.json.code).toBe('SMS_CODE_LOCKED');
    expect(retryAfter(fifth)).toBe(900);
    expect((await latestCode(phone)).attempts).toBe(5);

    // The right code no longer helps, and no new code can be sent, while locked.
    expect((await smsLogin(t, phone, code)).json.code).toBe('SMS_CODE_LOCKED');
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone) },
      data: { createdAt: new Date(Date.now() - 2 * MIN) },
    });
    const resend = await requestSmsCode(t, phone);
    expect(resend.status).toBe(429);
    expect(resend.json.code).toBe('SMS_CODE_LOCKED');
    expect(retryAfter(resend)).toBeGreaterThan(880);

    // Fifteen minutes later: a new code, and sign-in works.
    await t.prisma.verificationCode.updateMany({
      where: { phoneHash: phoneHash(phone), attempts: 5 },
      data: { consumedAt: new Date(Date.now() - 16 * MIN) },
    });
    expect((await requestSmsCode(t, phone)).status).toBe(200);
    expect((await smsLogin(t, phone, await readConsoleCode(t, phone))).status).toBe(200);
  });
});

describe('the console stand-in', () => {
  it('logs a labelled line without the number or the code', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const sms = createConsoleSms({
      prisma: t.prisma,
      fieldCrypto: t.deps.fieldCrypto,
      logger: pino({ level: 'info' }, sink),
    });
    await sms.send({ phone: '13912345678', templateCode: 'LOGIN_CODE', params: { code: '864209' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"standIn":true');
    expect(lines[0]).not.toContain('13912345678');
    expect(lines[0]).not.toContain('864209');
  });
});

describe('with SMS_PROVIDER=aliyun (against the local Dysmsapi stand-in)', () => {
  let aliyun: TestApp;
  let standIn: Awaited<ReturnType<typeof startAliyunSmsStandIn>>;
  beforeAll(async () => {
    const credentials = {
      accessKeyId: 'LTAI5tRouteTest',
      accessKeySecret: 'route-test-secret',
      signName: '道路运输电子证照',
    };
    standIn = await startAliyunSmsStandIn({ ...credentials, templateCode: 'SMS_154950909', requiredParams: ['code'] });
    aliyun = await startTestApp({
      seed: false,
      env: {
        SMS_PROVIDER: 'aliyun',
        ALIYUN_SMS_ACCESS_KEY_ID: credentials.accessKeyId,
        ALIYUN_SMS_ACCESS_KEY_SECRET: credentials.accessKeySecret,
        ALIYUN_SMS_SIGN_NAME: credentials.signName,
        ALIYUN_SMS_LOGIN_TEMPLATE: 'SMS_154950909',
        ALIYUN_SMS_ENDPOINT: standIn.url,
      },
    });
  });
  afterAll(async () => {
    await aliyun?.close();
    await standIn?.close();
  });

  it('delivers the code through SendSms, and that code signs in', async () => {
    const phone = randomPhone();
    const sent = await requestSmsCode(aliyun, phone);
    expect(sent.json).toMatchObject({ deliveredBy: 'aliyun' });
    const delivered = standIn.received.find((m) => m.phone === phone);
    expect(delivered?.params.code).toMatch(/^\d{6}$/);
    expect((await smsLogin(aliyun, phone, delivered!.params.code!)).status).toBe(200);
  });

  it('has no local outbox (404) and keeps nothing in MessageOutbox', async () => {
    expect((await aliyun.api(`/api/v1/dev/sms-outbox?phone=${randomPhone()}`)).status).toBe(404);
    expect(await aliyun.prisma.messageOutbox.count()).toBe(0);
  });

  it("maps the provider's flow control to 429 and leaves no usable code behind", async () => {
    const phone = randomPhone();
    standIn.flowControl(phone);
    const res = await requestSmsCode(aliyun, phone);
    expect(res.status).toBe(429);
    expect(res.json.code).toBe('SMS_RATE_LIMITED');
    expect(
      await aliyun.prisma.verificationCode.count({
        where: { phoneHash: aliyun.deps.fieldCrypto.blindIndex(phone, 'phone') },
      }),
    ).toBe(0);
  });
});

describe('client IP without TRUST_PROXY', () => {
  it('ignores X-Forwarded-For, so a client cannot dodge the per-IP limit by sending one', async () => {
    const direct = await startTestApp({ seed: false, env: { TRUST_PROXY: 'false' } });
    try {
      const phone = randomPhone();
      expect((await requestSmsCode(direct, phone, '203.0.113.99')).status).toBe(200);
      const row = await direct.prisma.verificationCode.findFirstOrThrow({
        where: { phoneHash: direct.deps.fieldCrypto.blindIndex(phone, 'phone') },
      });
      expect(row.requestIp).not.toBe(direct.deps.fieldCrypto.blindIndex('203.0.113.99', 'sms-request-ip'));
      expect(row.requestIp).toBe(direct.deps.fieldCrypto.blindIndex('127.0.0.1', 'sms-request-ip'));
    } finally {
      await direct.close();
    }
  });
});
