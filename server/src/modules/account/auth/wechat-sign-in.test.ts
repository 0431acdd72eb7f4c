import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';
import { smsSignIn } from '../../../test/auth-steps';
import { createWechatClient } from '../../../adapters/wechat/wechat-client';
import { startWechatStandIn, wechatErrors } from '../../../adapters/wechat/wechat-stand-in';
import { createLogger } from '../../../lib/logger';

const wechatApp = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' };
const device = { platform: 'weapp', label: '微信小程序 · Android' } as const;
let standIn: Awaited<ReturnType<typeof startWechatStandIn>>;
let t: TestApp;

beforeAll(async () => {
  standIn = await startWechatStandIn(wechatApp);
  t = await startTestApp({
    seed: false,
    wechat: createWechatClient({ ...wechatApp, apiBase: standIn.url, logger: createLogger('silent') }),
  });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

const wechatLogin = (code: string) => t.api('/api/v1/auth/wechat-login', { body: { code, device } });

describe('POST /api/v1/auth/wechat-login', () => {
  it('signs in by openid, creating the account once; session_key is kept nowhere', async () => {
    standIn.addLoginCode('wx-code-a1', { openid: 'o-route-a', unionid: 'u-route-a' });
    standIn.addLoginCode('wx-code-a2', { openid: 'o-route-a', unionid: 'u-route-a' });
    const first = await wechatLogin('wx-code-a1');
    expect(first.status).toBe(200);
    expect(first.json.account).toMatchObject({ phoneMasked: null, holder: null });
    expect(first.json.refreshToken).toBeTruthy();
    const second = await wechatLogin('wx-code-a2');
    expect(second.json.account.id).toBe(first.json.account.id);

    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: first.json.account.id } });
    expect(account).toMatchObject({ wechatOpenId: 'o-route-a', wechatUnionId: 'u-route-a' });
    const sessions = await t.prisma.session.findMany({ where: { accountId: account.id } });
    const stored = JSON.stringify(
      [first.json, second.json, account, sessions, await t.prisma.auditLog.findMany()],
      (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
    );
    expect(standIn.sessionKeys.length).toBeGreaterThanOrEqual(2);
    for (const key of standIn.sessionKeys) expect(stored).not.toContain(key);
    expect(sessions.map((s) => s.platform)).toEqual(['weapp', 'weapp']);
    expect(sessions[0]!.deviceLabel).toBe('微信小程序 · Android');
  });

  it.each([
    ['40029 (invalid code)', wechatErrors.invalidCode(), 400, 'WECHAT_LOGIN_FAILED'],
    ['45011 (rate limit)', wechatErrors.rateLimited(), 429, 'RATE_LIMITED'],
    ['40226 (high-risk user)', wechatErrors.highRisk(), 400, 'WECHAT_LOGIN_FAILED'],
    ['-1 (busy)', wechatErrors.busy(), 503, 'UPSTREAM_UNAVAILABLE'],
  ] as const)('answers WeChat errcode %s with %i %s and a Chinese message', async (_label, answer, status, code) => {
    standIn.addLoginCode(`wx-err-${answer.errcode}`, answer);
    const before = await t.prisma.account.count();
    const res = await wechatLogin(`wx-err-${answer.errcode}`);
    expect(res.status).toBe(status);
    expect(res.json.code).toBe(code);
    expect(res.json.message).toMatch(/[\u4e00-\u9fa5]/);
    if (code === 'RATE_LIMITED') expect(res.headers.get('retry-after')).toBe('60');
    expect(await t.prisma.account.count()).toBe(before);
  });
});

describe('POST /api/v1/auth/wechat-phone', () => {
  it('binds the verified number to the signed-in account', async () => {
    standIn.addLoginCode('wx-code-b', { openid: 'o-route-b' });
    const { accessToken } = (await wechatLogin('wx-code-b')).json;
    standIn.addPhoneCode('phone-code-b', '13600136001');
    const res = await t.api('/api/v1/auth/wechat-phone', { token: accessToken, body: { code: 'phone-code-b' } });
    expect(res.status).toBe(200);
    expect(res.json.phoneMasked).toBe('136****6001');
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(account.phoneHash).toBe(t.deps.fieldCrypto.blindIndex('13600136001', 'phone'));
  });

  it('refuses a number that already belongs to another account (409)', async () => {
    const other = await smsSignIn(t);
    standIn.addLoginCode('wx-code-c', { openid: 'o-route-c' });
    const { accessToken } = (await wechatLogin('wx-code-c')).json;
    standIn.addPhoneCode('phone-code-c', other.phone);
    const res = await t.api('/api/v1/auth/wechat-phone', { token: accessToken, body: { code: 'phone-code-c' } });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('CONFLICT');
  });

  it('an expired phone code (40029) → 400 WECHAT_LOGIN_FAILED; no token → 401', async () => {
    standIn.addLoginCode('wx-code-d', { openid: 'o-route-d' });
    const { accessToken } = (await wechatLogin('wx-code-d')).json;
    const res = await t.api('/api/v1/auth/wechat-phone', { token: accessToken, body: { code: 'phone-code-never' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'WECHAT_LOGIN_FAILED', message: '手机号授权已失效，请重新点击授权' });
    expect((await t.api('/api/v1/auth/wechat-phone', { body: { code: 'x' } })).status).toBe(401);
  });
});

describe('without WECHAT_APP_ID', () => {
  it('answers 503 UPSTREAM_UNAVAILABLE: 微信登录未配置', async () => {
    const plain = await startTestApp({ seed: false });
    try {
      const res = await plain.api('/api/v1/auth/wechat-login', { body: { code: 'anything', device } });
      expect(res.status).toBe(503);
      expect(res.json.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(res.json.message).toContain('微信登录未配置');
    } finally {
      await plain.close();
    }
  });
});
