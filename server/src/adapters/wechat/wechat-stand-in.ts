import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST SUPPORT: a local stand-in for api.weixin.qq.com. It checks each call's query
 * string and JSON body exactly as WeChat documents them (no missing, extra or wrong
 * parameters; appid/secret right; access_token one it issued and has not expired) and
 * answers with WeChat's shapes and errcodes: 40029 invalid code, 40163 code used,
 * 45011 rate limit, 40226 high-risk user, -1 busy, 40001 invalid access_token,
 * 40013/40125 wrong appid/secret.
 */
type Errcode = { errcode: number; errmsg: string };
const err = (errcode: number, errmsg: string): Errcode => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}`,
});
export const wechatErrors = {
  invalidCode: () => err(40029, 'invalid code'),
  codeUsed: () => err(40163, 'code been used'),
  rateLimited: () => err(45011, 'api minute-quota reach limit  mustslower  retry next minute'),
  highRisk: () => err(40226, 'invalid risky user'),
  busy: () => err(-1, 'system error'),
};

export async function startWechatStandIn(app: { appId: string; appSecret: string }) {
  const logins = new Map<string, { openid: string; unionid?: string } | Errcode>();
  const phones = new Map<string, string | Errcode>();
  const faceResults = new Map<string, Record<string, unknown>>();
  const validTokens = new Set<string>();
  const usedCodes = new Set<string>();
  const calls: string[] = [];
  const sessionKeys: string[] = [];
  const refusals: string[] = [];
  let tokenRequests = 0;
  const subscribeMessages: Record<string, unknown>[] = [];
  const urlLinks: Record<string, unknown>[] = [];
  /** The msgid of every accepted subscription message, in order (digits). */
  const lastMsgIds: string[] = [];
  /** openids that have no subscription left (43101). */
  const noSubscription = new Set<string>();

  const send = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, why: string, body: Errcode) => {
    refusals.push(why);
    send(res, body);
  };
  const exactKeys = (obj: object, required: string[], optional: string[] = []) =>
    required.every((k) => k in obj) && Object.keys(obj).every((k) => required.includes(k) || optional.includes(k));

  async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!req.headers['content-type']?.startsWith('application/json')) return null;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  /** For access-token APIs: the query is exactly ?access_token=<one we issued>. */
  function tokenOk(url: URL, res: ServerResponse): boolean {
    const query = Object.fromEntries(url.searchParams);
    if (!exactKeys(query, ['access_token']) || !validTokens.has(query.access_token!)) {
      refuse(res, 'access_token', err(40001, 'invalid credential, access_token is invalid or not latest'));
      return false;
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    calls.push(`${req.method} ${url.pathname}`);

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const q = Object.fromEntries(url.searchParams);
      if (!exactKeys(q, ['appid', 'secret', 'js_code', 'grant_type']))
        return refuse(res, 'jscode2session parameters', err(41008, 'missing or unexpected parameter'));
      if (q.grant_type !== 'authorization_code') return refuse(res, 'grant_type', err(40002, 'invalid grant_type'));
      if (q.appid !== app.appId) return refuse(res, 'appid', err(40013, 'invalid appid'));
      if (q.secret !== app.appSecret) return refuse(res, 'secret', err(40125, 'invalid appsecret'));
      const login = logins.get(q.js_code!);
      if (!login) return send(res, wechatErrors.invalidCode());
      if ('errcode' in login) return send(res, login);
      if (usedCodes.has(q.js_code!)) return send(res, wechatErrors.codeUsed());
      usedCodes.add(q.js_code!);
      const sessionKey = randomBytes(16).toString('base64');
      sessionKeys.push(sessionKey);
      return send(res, { session_key: sessionKey, ...login });
    }

    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      const body = await jsonBody(req);
      if (!body || url.search !== '' || !exactKeys(body, ['grant_type', 'appid', 'secret'], ['force_refresh']))
        return refuse(res, 'stable_token parameters', err(47001, 'data format error'));
      if (body.grant_type !== 'client_credential') return refuse(res, 'grant_type', err(40002, 'invalid grant_type'));
      if (body.appid !== app.appId || body.secret !== app.appSecret)
        return refuse(res, 'credentials', err(40125, 'invalid appsecret'));
      tokenRequests += 1;
      const token = `stand-in-token-${randomBytes(12).toString('hex')}`;
      validTokens.add(token);
      return send(res, { access_token: token, expires_in: 7200 });
    }

    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      if (!tokenOk(url, res)) return;
      const body = await jsonBody(req);
      if (!body || !exactKeys(body, ['code']) || typeof body.code !== 'string')
        return refuse(res, 'getuserphonenumber body', err(47001, 'data format error'));
      const phone = phones.get(body.code);
      if (phone === undefined) return send(res, wechatErrors.invalidCode());
      if (typeof phone !== 'string') return send(res, phone);
      phones.delete(body.code); // single use
      return send(res, {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: app.appId },
        },
      });
    }

    if (req.method === 'POST' && url.pathname === '/cityservice/face/identify/getinfo') {
      if (!tokenOk(url, res)) return;
      const body = await jsonBody(req);
      if (!body || !exactKeys(body, ['verify_result']) || typeof body.verify_result !== 'string')
        return refuse(res, 'getinfo body', err(47001, 'data format error'));
      return send(res, faceResults.get(body.verify_result) ?? err(40003, 'invalid verify_result'));
    }

    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!tokenOk(url, res)) return;
      const body = await jsonBody(req);
      const data = body?.data as Record<string, unknown> | undefined;
      if (
        !body ||
        !exactKeys(body, ['touser', 'template_id', 'data'], ['page', 'miniprogram_state', 'lang']) ||
        typeof body.touser !== 'string' ||
        typeof body.template_id !== 'string' ||
        !data ||
        typeof data !== 'object' ||
        !Object.values(data).every(
          (v) =>
            v &&
            typeof v === 'object' &&
            exactKeys(v, ['value']) &&
            typeof (v as { value: unknown }).value === 'string',
        ) ||
        (body.miniprogram_state !== undefined &&
          !['developer', 'trial', 'formal'].includes(String(body.miniprogram_state))) ||
        (body.lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(String(body.lang)))
      )
        return refuse(res, 'subscribe/send body', err(47003, 'argument invalid! data.keyword value invalid'));
      if (noSubscription.has(body.touser)) return send(res, err(43101, 'user refuse to accept the msg'));
      subscribeMessages.push(body);
      // A 64-bit msgid as WeChat writes it (a bare number beyond 2^53).
      const msgid = `${1864323726461255680n + BigInt(subscribeMessages.length)}`;
      lastMsgIds.push(msgid);
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      return res.end(`{"errcode":0,"errmsg":"ok","msgid":${msgid}}`);
    }

    if (req.method === 'POST' && url.pathname === '/wxa/generate_urllink') {
      if (!tokenOk(url, res)) return;
      const body = await jsonBody(req);
      if (
        !body ||
        !exactKeys(
          body,
          [],
          ['path', 'query', 'expire_type', 'expire_time', 'expire_interval', 'env_version', 'cloud_base'],
        ) ||
        (body.path !== undefined && (typeof body.path !== 'string' || body.path.startsWith('/'))) ||
        (body.query !== undefined && (typeof body.query !== 'string' || body.query.length > 1024)) ||
        (body.expire_type !== undefined && ![0, 1].includes(body.expire_type as number)) ||
        (body.expire_type === 1 &&
          (!Number.isInteger(body.expire_interval) ||
            (body.expire_interval as number) < 1 ||
            (body.expire_interval as number) > 30)) ||
        (body.env_version !== undefined && !['release', 'trial', 'develop'].includes(String(body.env_version)))
      )
        return refuse(res, 'generate_urllink body', err(40097, 'invalid args'));
      urlLinks.push(body);
      return send(res, {
        errcode: 0,
        errmsg: 'ok',
        url_link: `https://wxaurl.cn/${randomBytes(6).toString('base64url')}`,
      });
    }

    refusals.push(`unknown ${req.method} ${url.pathname}`);
    res.writeHead(404).end();
  }

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** wx.login code → who it signs in (or the errcode WeChat answers for it). */
    addLoginCode: (code: string, answer: { openid: string; unionid?: string } | Errcode) => logins.set(code, answer),
    addPhoneCode: (code: string, answer: string | Errcode) => phones.set(code, answer),
    addFaceResult: (verifyResult: string, answer: Record<string, unknown>) => faceResults.set(verifyResult, answer),
    /** This openid has no subscription left: subscribe/send answers 43101. */
    refuseSubscription: (openid: string) => noSubscription.add(openid),
    /** The subscription messages accepted, as sent. */
    subscribeMessages,
    /** Their msgids as answered (digits: beyond 2^53). */
    msgIds: lastMsgIds,
    /** The URL Link requests answered, as sent. */
    urlLinks,
    /** Every issued access token stops working (as after a forced refresh elsewhere). */
    expireTokens: () => validTokens.clear(),
    get tokenRequests() {
      return tokenRequests;
    },
    calls,
    refusals,
    /** Every session_key handed out, to prove none of them was kept. */
    sessionKeys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
