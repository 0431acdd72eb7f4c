import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { createLogger } from '../../lib/logger';
import { createWechatClient } from './wechat-client';
import { WechatError } from './wechat-errors';
import { startWechatStandIn, wechatErrors } from './wechat-stand-in';

const app = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' };
let standIn: Awaited<ReturnType<typeof startWechatStandIn>>;
beforeAll(async () => {
  standIn = await startWechatStandIn(app);
});
afterAll(() => standIn?.close());

const client = (overrides: Partial<typeof app & { apiBase: string }> = {}) =>
  createWechatClient({ ...app, apiBase: standIn.url, logger: createLogger('silent'), ...overrides });
const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WechatError);
  return err as WechatError;
};

describe('code2Session (GET /sns/jscode2session)', () => {
  it('returns openid and unionid; the session_key stays inside the client', async () => {
    standIn.addLoginCode('code-ok', { openid: 'o-stand-in-1', unionid: 'u-stand-in-1' });
    const session = await client().code2Session('code-ok');
    expect(session).toEqual({ openid: 'o-stand-in-1', unionid: 'u-stand-in-1' });
    expect(standIn.refusals).toEqual([]);
  });

  it.each([
    ['40029 invalid code', wechatErrors.invalidCode(), 'WECHAT_LOGIN_FAILED', 400],
    ['45011 rate limit', wechatErrors.rateLimited(), 'RATE_LIMITED', 429],
    ['40226 high-risk user', wechatErrors.highRisk(), 'WECHAT_LOGIN_FAILED', 400],
    ['-1 system busy', wechatErrors.busy(), 'UPSTREAM_UNAVAILABLE', 503],
  ] as const)('maps errcode %s to %s', async (_label, answer, code, status) => {
    standIn.addLoginCode(`code-${answer.errcode}`, answer);
    const err = await failure(client().code2Session(`code-${answer.errcode}`));
    expect(err).toMatchObject({ code, status, errcode: answer.errcode });
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a code used twice answers 40163 → WECHAT_LOGIN_FAILED', async () => {
    standIn.addLoginCode('code-once', { openid: 'o-once' });
    await client().code2Session('code-once');
    expect(await failure(client().code2Session('code-once'))).toMatchObject({
      code: 'WECHAT_LOGIN_FAILED',
      errcode: 40163,
    });
  });

  it('a wrong app secret is refused by the stand-in → UPSTREAM_UNAVAILABLE (our configuration)', async () => {
    standIn.addLoginCode('code-secret', { openid: 'o-secret' });
    const err = await failure(client({ appSecret: 'ffffffffffffffffffffffffffffffff' }).code2Session('code-secret'));
    expect(standIn.refusals.at(-1)).toBe('secret');
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', errcode: 40125 });
  });

  it('WeChat unreachable → UPSTREAM_UNAVAILABLE', async () => {
    const err = await failure(client({ apiBase: 'http://127.0.0.1:9' }).code2Session('x'));
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', errcode: null });
  });
});

describe('access token (POST /cgi-bin/stable_token) and the APIs that need it', () => {
  it('fetches the token once, reuses it, and fetches again (retrying once) when WeChat says it is stale', async () => {
    const wechat = client();
    const before = standIn.tokenRequests;
    standIn.addPhoneCode('p1', '13800138011');
    standIn.addPhoneCode('p2', '13800138012');
    expect(await wechat.getPhoneNumber('p1')).toEqual({
      phoneNumber: '13800138011',
      purePhoneNumber: '13800138011',
      countryCode: '86',
    });
    expect((await wechat.getPhoneNumber('p2')).purePhoneNumber).toBe('13800138012');
    expect(standIn.tokenRequests - before).toBe(1);

    standIn.expireTokens();
    standIn.addPhoneCode('p3', '13800138013');
    expect((await wechat.getPhoneNumber('p3')).purePhoneNumber).toBe('13800138013');
    expect(standIn.tokenRequests - before).toBe(2);
    expect(standIn.refusals.at(-1)).toBe('access_token');
  });

  it('getPhoneNumber: an invalid or used code (40029) → WECHAT_LOGIN_FAILED asking to authorise again', async () => {
    const err = await failure(client().getPhoneNumber('never-issued'));
    expect(err).toMatchObject({
      code: 'WECHAT_LOGIN_FAILED',
      errcode: 40029,
      message: '手机号授权已失效，请重新点击授权',
    });
  });

  it('getPhoneNumber: busy (-1) → UPSTREAM_UNAVAILABLE', async () => {
    standIn.addPhoneCode('p-busy', wechatErrors.busy());
    expect(await failure(client().getPhoneNumber('p-busy'))).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      errcode: -1,
    });
  });

  it("getFaceVerifyResult returns WeChat's answer (identify_ret) for the face module to judge", async () => {
    standIn.addFaceResult('vr-pass', {
      errcode: 0,
      errmsg: 'ok',
      identify_ret: 0,
      identify_time: 1_790_000_000,
      validate_data: '8593',
      openid: 'o-face',
    });
    standIn.addFaceResult('vr-busy', wechatErrors.busy());
    const wechat = client();
    expect(await wechat.getFaceVerifyResult('vr-pass')).toMatchObject({
      errcode: 0,
      identify_ret: 0,
      openid: 'o-face',
    });
    expect((await wechat.getFaceVerifyResult('vr-unknown')).errcode).toBe(40003);
    const err = await wechat.getFaceVerifyResult('vr-busy').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });
});

describe('subscribeMessage.send and generate_urllink (access-token APIs)', () => {
  it('sends a subscription message in the documented shape; 43101 (no subscription left) is an answer, not an error', async () => {
    const refusedBefore = standIn.refusals.length;
    const message = {
      touser: 'o-sub-1',
      templateId: 'tpl-1234567890',
      page: 'pkg-apply/pages/detail/index?id=a1',
      data: { thing1: '申请需补正', thing2: '您的申请需补正，请查看原因并修改' },
      miniprogramState: 'formal' as const,
    };
    expect(await client().sendSubscribeMessage(message)).toEqual({ outcome: 'sent', msgId: standIn.msgIds.at(-1) });
    // The 64-bit msgid survives exactly (a double would round it).
    expect(standIn.msgIds.at(-1)).toMatch(/^18643237264612556\d\d$/);
    expect(standIn.subscribeMessages.at(-1)).toEqual({
      touser: 'o-sub-1',
      template_id: 'tpl-1234567890',
      page: 'pkg-apply/pages/detail/index?id=a1',
      data: { thing1: { value: '申请需补正' }, thing2: { value: '您的申请需补正，请查看原因并修改' } },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    standIn.refuseSubscription('o-sub-2');
    expect(await client().sendSubscribeMessage({ ...message, touser: 'o-sub-2' })).toEqual({
      outcome: 'refused',
      errcode: 43101,
    });
    expect(standIn.refusals.slice(refusedBefore)).toEqual([]);
  });

  it('generates a URL Link (expire_type 1, interval in days, env_version)', async () => {
    const { urlLink } = await client().generateUrlLink({
      path: 'pkg-certificate/pages/activate/index',
      query: 'certificateId=c1',
      expireIntervalDays: 45,
      envVersion: 'trial',
    });
    expect(urlLink).toMatch(/^https:\/\/wxaurl\.cn\//);
    expect(standIn.urlLinks.at(-1)).toEqual({
      path: 'pkg-certificate/pages/activate/index',
      query: 'certificateId=c1',
      expire_type: 1,
      expire_interval: 30,
      env_version: 'trial',
    });
  });
});
