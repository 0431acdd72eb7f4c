import type { Logger } from '../../lib/logger';
import { WechatError, wechatError } from './wechat-errors';

/**
 * WeChat mini-program server APIs over HTTPS (base URL from WECHAT_API_BASE):
 * - code2Session: GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
 *   (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html).
 *   The session_key it returns is dropped here: it never leaves this function.
 * - access token: POST /cgi-bin/stable_token { grant_type: client_credential, appid, secret }
 *   (getStableAccessToken: several service instances can fetch it without invalidating each
 *   other's token), cached until 5 minutes before expiry; on an access-token errcode
 *   (40001, 40014, 42001) it is fetched again and the call retried once.
 * - getPhoneNumber: POST /wxa/business/getuserphonenumber?access_token= { code }
 *   (the code from the 手机号快速验证 button).
 * - getFaceVerifyResult: POST /cityservice/face/identify/getinfo?access_token= { verify_result }
 *   (人脸核身 "再次获取核验结果"). Returned as WeChat answers it (identify_ret 0 = passed,
 *   per the face-verification integration guide); only transport, access-token and
 *   transient errcodes (-1, 45011) throw, so the face module decides what the rest mean.
 * - subscribeMessage.send: POST /cgi-bin/message/subscribe/send?access_token= { touser,
 *   template_id, page, data: { key: { value } }, miniprogram_state, lang }
 *   (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
 *   43101 (the user has no subscription left / refused) is an answer, not an error.
 * - urllink.generate: POST /wxa/generate_urllink?access_token= { path, query, expire_type: 1,
 *   expire_interval (days, ≤ 30), env_version } → url_link
 *   (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-link/generateUrlLink.html).
 */
export type WechatLoginSession = { openid: string; unionid: string | null };
export type WechatPhoneNumber = { phoneNumber: string; purePhoneNumber: string; countryCode: string };
export type WechatFaceVerifyInfo = {
  errcode: number;
  errmsg?: string;
  identify_ret?: number;
  /** Unix seconds. */
  identify_time?: number;
  validate_data?: string;
  openid?: string;
  user_id_key?: string;
  /** md5 of the verified ID number and of the UTF-8 name, lower-case hex. */
  id_card_number_md5?: string;
  name_utf8_md5?: string;
  finish_time?: number;
};

export type WechatSubscribeMessage = {
  touser: string;
  templateId: string;
  /** The mini-program page the notice opens, with its query. */
  page: string;
  /** Template keywords → values (WeChat limits each value's length by keyword type). */
  data: Record<string, string>;
  miniprogramState: 'developer' | 'trial' | 'formal';
};
export type WechatSubscribeAnswer = { outcome: 'sent'; msgId: string | null } | { outcome: 'refused'; errcode: number };

/**
 * subscribeMessage.send errcodes that mean "this user cannot get this notice now" — not our
 * error and not worth a retry: 43101 用户拒绝接受消息 (never subscribed, the one-time grant used
 * up, or unsubscribed; sendMessage documentation). Everything else is thrown.
 */
export const NOT_SUBSCRIBED_ERRCODES: ReadonlySet<number> = new Set([43101]);

export type WechatUrlLinkRequest = {
  path: string;
  query: string;
  /** Days the link lives (WeChat: at most 30). */
  expireIntervalDays: number;
  envVersion: 'release' | 'trial' | 'develop';
};

export interface WechatClient {
  code2Session(code: string): Promise<WechatLoginSession>;
  /**
   * `sent` with WeChat's msgid (as a string: it exceeds 2^53; the delivery event
   * subscribe_msg_sent_event carries it as MsgID), or `refused` when the user has no subscription
   * for the template (left): 43101.
   */
  sendSubscribeMessage(message: WechatSubscribeMessage): Promise<WechatSubscribeAnswer>;
  generateUrlLink(request: WechatUrlLinkRequest): Promise<{ urlLink: string }>;
  getPhoneNumber(code: string): Promise<WechatPhoneNumber>;
  getFaceVerifyResult(verifyResult: string): Promise<WechatFaceVerifyInfo>;
}

export type WechatClientOptions = {
  appId: string;
  appSecret: string;
  apiBase: string;
  logger: Logger;
  timeoutMs?: number;
};

type Json = Record<string, unknown>;
/** JSON.parse, with `msgid` kept as its digits (a 64-bit number would lose precision as a double). */
function parseJson(text: string): Json | null {
  try {
    const body = JSON.parse(text) as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const msgid = /"msgid"\s*:\s*"?(\d+)/.exec(text);
    return msgid ? { ...(body as Json), msgid: msgid[1] } : (body as Json);
  } catch {
    return null;
  }
}
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
const errcodeOf = (body: Json) => (typeof body.errcode === 'number' ? body.errcode : 0);

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const base = options.apiBase.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;
  let cachedToken: { value: string; refreshAt: number } | null = null;
  let tokenInFlight: Promise<string> | null = null;

  async function call(path: string, init: { query?: Record<string, string>; body?: unknown }): Promise<Json> {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      options.logger.warn({ wechatApi: path, err: (err as Error).name }, 'WeChat API unreachable');
      throw new WechatError('UPSTREAM_UNAVAILABLE', null, '微信服务暂不可用，请稍后再试', err);
    }
    const text = res.ok ? await res.text().catch(() => '') : '';
    const body = parseJson(text);
    if (!body || typeof body !== 'object') {
      options.logger.warn({ wechatApi: path, httpStatus: res.status }, 'WeChat API answered garbage');
      throw new WechatError('UPSTREAM_UNAVAILABLE', null, '微信服务暂不可用，请稍后再试');
    }
    return body;
  }

  async function fetchToken(): Promise<string> {
    const body = await call('/cgi-bin/stable_token', {
      body: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret },
    });
    if (typeof body.access_token !== 'string' || errcodeOf(body) !== 0)
      throw wechatError(errcodeOf(body), 'token', options.logger, body.errmsg);
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    // WeChat renews the stable token in its last 5 minutes; refresh before then.
    cachedToken = { value: body.access_token, refreshAt: Date.now() + Math.max(60, expiresIn - 300) * 1000 };
    return body.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cachedToken && cachedToken.refreshAt > Date.now()) return cachedToken.value;
    tokenInFlight ??= fetchToken().finally(() => {
      tokenInFlight = null;
    });
    return tokenInFlight;
  }

  /** Calls an access-token API; a stale token is dropped and the call retried once. */
  async function withToken(path: string, body: unknown): Promise<Json> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await accessToken();
      const answer = await call(path, { query: { access_token: token }, body });
      if (!TOKEN_ERRCODES.has(errcodeOf(answer)) || attempt === 1) return answer;
      if (cachedToken?.value === token) cachedToken = null;
    }
  }

  return {
    async code2Session(code) {
      const body = await call('/sns/jscode2session', {
        query: { appid: options.appId, secret: options.appSecret, js_code: code, grant_type: 'authorization_code' },
      });
      if (errcodeOf(body) !== 0 || typeof body.openid !== 'string')
        throw wechatError(errcodeOf(body), 'login', options.logger, body.errmsg);
      return { openid: body.openid, unionid: typeof body.unionid === 'string' ? body.unionid : null };
    },

    async getPhoneNumber(code) {
      const body = await withToken('/wxa/business/getuserphonenumber', { code });
      const info = body.phone_info as Json | undefined;
      if (errcodeOf(body) !== 0 || typeof info?.purePhoneNumber !== 'string')
        throw wechatError(errcodeOf(body), 'phone', options.logger, body.errmsg);
      return {
        phoneNumber: String(info.phoneNumber ?? ''),
        purePhoneNumber: info.purePhoneNumber,
        countryCode: String(info.countryCode ?? ''),
      };
    },

    async sendSubscribeMessage(message) {
      const body = await withToken('/cgi-bin/message/subscribe/send', {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: Object.fromEntries(Object.entries(message.data).map(([k, v]) => [k, { value: v }])),
        miniprogram_state: message.miniprogramState,
        lang: 'zh_CN',
      });
      const errcode = errcodeOf(body);
      if (errcode === 0) return { outcome: 'sent', msgId: typeof body.msgid === 'string' ? body.msgid : null };
      if (NOT_SUBSCRIBED_ERRCODES.has(errcode)) return { outcome: 'refused', errcode };
      throw wechatError(errcode, 'message', options.logger, body.errmsg);
    },

    async generateUrlLink(request) {
      const body = await withToken('/wxa/generate_urllink', {
        path: request.path,
        query: request.query,
        expire_type: 1,
        expire_interval: Math.min(30, Math.max(1, request.expireIntervalDays)),
        env_version: request.envVersion,
      });
      if (errcodeOf(body) !== 0 || typeof body.url_link !== 'string')
        throw wechatError(errcodeOf(body), 'link', options.logger, body.errmsg);
      return { urlLink: body.url_link };
    },

    async getFaceVerifyResult(verifyResult) {
      const body = await withToken('/cityservice/face/identify/getinfo', { verify_result: verifyResult });
      const errcode = errcodeOf(body);
      if (errcode === -1 || errcode === 45011 || TOKEN_ERRCODES.has(errcode))
        throw wechatError(errcode, 'face', options.logger, body.errmsg);
      return { ...(body as WechatFaceVerifyInfo), errcode };
    },
  };
}
