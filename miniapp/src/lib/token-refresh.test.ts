import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => ({
  ...(await import('../test/taro-storage-mock')).fakeTaroStorage(),
  request: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { getJson } from './request';
import type { ApiError } from './api-error';

const account = {
  id: 'a1',
  phoneMasked: '138****0001',
  holder: null,
  operators: [],
  consents: [],
  faceVerifiedUntil: null,
};
const OLD_REFRESH = 'refresh-old-0123456789abcdef';
const NEW_REFRESH = 'refresh-new-0123456789abcdef';

function pair(accessToken: string, refreshToken: string) {
  return {
    accessToken,
    accessTokenExpiresAt: '2026-11-27T09:00:00Z',
    refreshToken,
    refreshTokenExpiresAt: '2026-12-27T09:00:00Z',
    account,
  };
}

type Reply = { statusCode: number; data: unknown };
const expired: Reply = { statusCode: 401, data: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } };

/** A fake API: `/api/v1/me` accepts only `validToken`; refresh answers with `refreshReply`. */
function serve(options: { validToken: string; refreshReply: () => Reply | Promise<Reply> }) {
  taro.request.mockImplementation(async (call: { url: string; header: Record<string, string> }) => {
    if (call.url === '/api/v1/auth/refresh') return options.refreshReply();
    if (call.header.Authorization === `Bearer ${options.validToken}`)
      return { statusCode: 200, data: { ok: call.url } };
    return expired;
  });
}

const refreshCalls = () => taro.request.mock.calls.filter(([call]) => call.url === '/api/v1/auth/refresh');
const stored = (key: string) => taro.store.get(`roadcert:${key}`);

beforeEach(() => {
  taro.request.mockReset();
  taro.store.clear();
  taro.store.set('roadcert:accessToken', 'access-old');
  taro.store.set('roadcert:refreshToken', OLD_REFRESH);
});

describe('access token refresh', () => {
  it('refreshes once on TOKEN_EXPIRED, stores the rotated pair and retries the call', async () => {
    serve({
      validToken: 'access-new',
      refreshReply: () => ({ statusCode: 200, data: pair('access-new', NEW_REFRESH) }),
    });

    await expect(getJson('/api/v1/me')).resolves.toEqual({ ok: '/api/v1/me' });

    expect(refreshCalls()).toHaveLength(1);
    const [refresh] = refreshCalls()[0]!;
    expect(refresh).toMatchObject({ method: 'POST', data: { refreshToken: OLD_REFRESH } });
    expect(refresh.header).not.toHaveProperty('Authorization');
    expect(stored('accessToken')).toBe('access-new');
    expect(stored('refreshToken')).toBe(NEW_REFRESH);
    const retry = taro.request.mock.calls.at(-1)![0];
    expect(retry.header.Authorization).toBe('Bearer access-new');
  });

  it('shares one refresh between calls that expire together (single-flight), then retries each', async () => {
    let answer!: (reply: Reply) => void;
    serve({ validToken: 'access-new', refreshReply: () => new Promise<Reply>((resolve) => (answer = resolve)) });

    const calls = [getJson('/api/v1/me'), getJson('/api/v1/me/certificates'), getJson('/api/v1/me/sessions')];
    await vi.waitFor(() => expect(refreshCalls()).toHaveLength(1));
    answer({ statusCode: 200, data: pair('access-new', NEW_REFRESH) });

    await expect(Promise.all(calls)).resolves.toEqual([
      { ok: '/api/v1/me' },
      { ok: '/api/v1/me/certificates' },
      { ok: '/api/v1/me/sessions' },
    ]);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('does not refresh again when another call already replaced the expired token', async () => {
    serve({
      validToken: 'access-new',
      refreshReply: () => ({ statusCode: 200, data: pair('access-newer', NEW_REFRESH) }),
    });
    // The call goes out with the old token; by the time its 401 arrives the token was renewed.
    taro.request.mockImplementationOnce(async () => {
      taro.store.set('roadcert:accessToken', 'access-new');
      return expired;
    });

    await expect(getJson('/api/v1/me')).resolves.toEqual({ ok: '/api/v1/me' });
    expect(refreshCalls()).toHaveLength(0);
  });

  it('retries only once: a second TOKEN_EXPIRED reaches the caller', async () => {
    serve({ validToken: 'never', refreshReply: () => ({ statusCode: 200, data: pair('access-new', NEW_REFRESH) }) });
    await expect(getJson('/api/v1/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(refreshCalls()).toHaveLength(1);
    expect(taro.request).toHaveBeenCalledTimes(3); // call, refresh, one retry
  });

  it('clears the tokens and rejects with a 401 when the refresh is refused (revoked, reused, expired)', async () => {
    serve({
      validToken: 'access-new',
      refreshReply: () => ({ statusCode: 401, data: { code: 'TOKEN_INVALID', message: '登录状态无效，请重新登录' } }),
    });

    const error = (await getJson('/api/v1/me').catch((caught: unknown) => caught)) as ApiError;

    expect(error).toMatchObject({ code: 'TOKEN_INVALID', status: 401 });
    expect(stored('accessToken')).toBeUndefined();
    expect(stored('refreshToken')).toBeUndefined();
  });

  it('turns any other refusal of the refresh into TOKEN_EXPIRED, so the page still sends the person to sign in', async () => {
    serve({
      validToken: 'access-new',
      refreshReply: () => ({
        statusCode: 400,
        data: { code: 'VALIDATION_FAILED', message: '提交的信息有误，请检查后重试' },
      }),
    });
    await expect(getJson('/api/v1/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(stored('accessToken')).toBeUndefined();
  });

  it('keeps the tokens when the refresh could not reach the server, so a later retry can still work', async () => {
    serve({ validToken: 'access-new', refreshReply: () => Promise.reject({ errMsg: 'request:fail' }) });
    await expect(getJson('/api/v1/me')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    expect(stored('accessToken')).toBe('access-old');
    expect(stored('refreshToken')).toBe(OLD_REFRESH);
  });

  it('has nothing to refresh with when no refresh token is stored: clears and asks for sign-in', async () => {
    taro.store.delete('roadcert:refreshToken');
    serve({ validToken: 'access-new', refreshReply: () => ({ statusCode: 200, data: pair('x', NEW_REFRESH) }) });
    await expect(getJson('/api/v1/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(refreshCalls()).toHaveLength(0);
    expect(stored('accessToken')).toBeUndefined();
  });

  it('does not refresh for other 401s (invalid or revoked token)', async () => {
    taro.request.mockResolvedValueOnce({
      statusCode: 401,
      data: { code: 'TOKEN_INVALID', message: '登录状态无效，请重新登录' },
    });
    await expect(getJson('/api/v1/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(refreshCalls()).toHaveLength(0);
  });

  it('rejects a refresh answer that breaks the token-pair contract without storing anything', async () => {
    serve({ validToken: 'access-new', refreshReply: () => ({ statusCode: 200, data: { accessToken: 'half' } }) });
    await expect(getJson('/api/v1/me')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(stored('accessToken')).toBe('access-old');
  });
});
