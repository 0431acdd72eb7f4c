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

export interface WechatClient {
  code2Session(code: string): Promise<WechatLoginSession>;
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
    const body = res.ok ? ((await res.json().catch(() => null)) as Json | null) : null;
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

    async getFaceVerifyResult(verifyResult) {
      const body = await withToken('/cityservice/face/identify/getinfo', { verify_result: verifyResult });
      const errcode = errcodeOf(body);
      if (errcode === -1 || errcode === 45011 || TOKEN_ERRCODES.has(errcode))
        throw wechatError(errcode, 'face', options.logger, body.errmsg);
      return { ...(body as WechatFaceVerifyInfo), errcode };
    },
  };
}
