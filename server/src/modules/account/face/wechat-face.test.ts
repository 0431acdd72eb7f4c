import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../../test/app';
import { bindRealNameAs, demo, grantConsents } from '../../../test/identity-steps';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = '0123456789abcdef0123456789abcdef';
const person = demo('driver-ride-hailing');
const OPENID = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';

/**
 * A local stand-in for api.weixin.qq.com that checks each request the way WeChat
 * documents it: stable_token (POST JSON client_credential + appid + secret) and
 * cityservice/face/identify/getinfo (POST JSON { verify_result }, ?access_token=).
 * The verify_result picks the answer.
 */
type Seen = { path: string; token: string | null; body: Record<string, unknown> };
let wechat: Server;
const seen: Seen[] = [];
let tokenSerial = 0;
let validTokens = new Set<string>();
const now = () => Math.floor(Date.now() / 1000);
const answers: Record<string, () => Record<string, unknown>> = {
  'vr-pass': () => ({
    errcode: 0,
    errmsg: 'ok',
    identify_ret: 0,
    identify_time: now(),
    validate_data: '8593',
    openid: OPENID,
    id_card_number_md5: md5(person.identityCode),
    name_utf8_md5: md5(person.name),
  }),
  'vr-not-passed': () => ({ errcode: 0, errmsg: 'ok', identify_ret: 10004, identify_time: now(), openid: OPENID }),
  'vr-someone-else': () => ({
    errcode: 0,
    errmsg: 'ok',
    identify_ret: 0,
    identify_time: now(),
    openid: OPENID,
    id_card_number_md5: md5(demo('driver-ic').identityCode),
    name_utf8_md5: md5(demo('driver-ic').name),
  }),
  'vr-other-wechat-user': () => ({
    errcode: 0,
    errmsg: 'ok',
    identify_ret: 0,
    identify_time: now(),
    openid: 'o6_someone_else',
    id_card_number_md5: md5(person.identityCode),
  }),
  'vr-old': () => ({
    errcode: 0,
    errmsg: 'ok',
    identify_ret: 0,
    identify_time: now() - 3600,
    openid: OPENID,
    id_card_number_md5: md5(person.identityCode),
  }),
  'vr-busy': () => ({ errcode: -1, errmsg: 'system error' }),
};

async function readJson(req: IncomingMessage) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return JSON.parse(raw) as Record<string, unknown>;
}

let t: TestApp;
beforeAll(async () => {
  wechat = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const reply = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'POST' || !req.headers['content-type']?.startsWith('application/json'))
      return reply({ errcode: 47001, errmsg: 'data format error' });
    const body = await readJson(req);
    seen.push({ path: url.pathname, token: url.searchParams.get('access_token'), body });
    if (url.pathname === '/cgi-bin/stable_token') {
      if (body.grant_type !== 'client_credential' || body.appid !== APP_ID || body.secret !== APP_SECRET)
        return reply({ errcode: 40013, errmsg: 'invalid appid' });
      const token = `ACCESS_TOKEN_${++tokenSerial}`;
      validTokens.add(token);
      return reply({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cityservice/face/identify/getinfo') {
      const token = url.searchParams.get('access_token');
      if (!token || !validTokens.has(token)) return reply({ errcode: 42001, errmsg: 'access_token expired' });
      const answer = typeof body.verify_result === 'string' ? answers[body.verify_result] : undefined;
      return reply(answer ? answer() : { errcode: 40097, errmsg: 'invalid args' });
    }
    res.writeHead(404).end();
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => wechat.once('listening', resolve));
  const apiBase = `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`;
  t = await startTestApp({
    env: { FACE_PROVIDER: 'wechat', WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_API_BASE: apiBase },
  });
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => wechat.close(resolve));
});

let token: string;
beforeAll(async () => {
  const session = await signInAccount(t);
  token = session.token;
  await t.prisma.account.update({ where: { id: session.accountId }, data: { wechatOpenId: OPENID } });
  await bindRealNameAs(t, token, 'driver-ride-hailing');
  await grantConsents(t, token, ['FACE_DATA']);
});

async function verify(body: Record<string, unknown>) {
  const started = await t.api('/api/v1/me/face-verifications', { token, method: 'POST' });
  expect(started.json).toMatchObject({ provider: 'wechat', standIn: false });
  const res = await t.api(`/api/v1/me/face-verifications/${started.json.verificationId}/complete`, { token, body });
  const row = await t.prisma.faceVerification.findUniqueOrThrow({ where: { id: started.json.verificationId } });
  return { res, row };
}

describe('face verification with WeChat 人脸核身 (against a local WeChat stand-in)', () => {
  it("passes only on WeChat's word, asked with the documented request", async () => {
    const { res, row } = await verify({ verifyResult: 'vr-pass' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ passed: true, standIn: false, validUntil: expect.any(String) });
    expect(row).toMatchObject({
      state: 'PASSED',
      provider: 'wechat',
      providerRef: createHash('sha256').update('vr-pass').digest('hex'),
    });
    const getinfo = seen.filter((s) => s.path === '/cityservice/face/identify/getinfo');
    expect(getinfo.at(-1)).toEqual({
      path: '/cityservice/face/identify/getinfo',
      token: expect.stringMatching(/^ACCESS_TOKEN_\d+$/),
      body: { verify_result: 'vr-pass' },
    });
    expect(seen.find((s) => s.path === '/cgi-bin/stable_token')!.body).toMatchObject({
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
  });

  it("never takes the client's word: a claimed pass without a WeChat result is refused", async () => {
    const { res, row } = await verify({ standInOutcome: 'pass' });
    expect(res.status).toBe(400);
    expect(res.json.fields).toHaveProperty('verifyResult');
    expect(row.state).toBe('PENDING');
  });

  it.each([
    ['vr-not-passed', 'not_passed'],
    ['vr-someone-else', 'identity_mismatch'],
    ['vr-other-wechat-user', 'openid_mismatch'],
    ['vr-old', 'stale_result'],
    ['vr-unknown', 'wechat_errcode_40097'],
  ])('fails %s (%s)', async (verifyResult, reason) => {
    const { res, row } = await verify({ verifyResult });
    expect(res.json).toEqual({ passed: false, validUntil: null, standIn: false });
    expect(row).toMatchObject({ state: 'FAILED', failureReason: reason });
  });

  it('refuses a verify_result that already confirmed an attempt (replay)', async () => {
    const { res, row } = await verify({ verifyResult: 'vr-pass' });
    expect(res.json.passed).toBe(false);
    expect(row).toMatchObject({ state: 'FAILED', failureReason: 'result_already_used' });
  });

  it('fetches a new access token once when WeChat says it expired', async () => {
    validTokens = new Set();
    const tokensBefore = tokenSerial;
    const { res } = await verify({ verifyResult: 'vr-not-passed' });
    expect(res.status).toBe(200);
    expect(tokenSerial).toBe(tokensBefore + 1);
  });

  it('keeps the attempt open when WeChat is busy (503), so the client can retry', async () => {
    const { res, row } = await verify({ verifyResult: 'vr-busy' });
    expect(res.status).toBe(503);
    expect(res.json.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(row.state).toBe('PENDING');
  });
});
