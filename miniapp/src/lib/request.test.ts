import { accountProfileSchema } from '@roadcert/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => ({
  ...(await import('../test/taro-storage-mock')).fakeTaroStorage(),
  request: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { ApiError, getJson, isUnauthenticated, postJson, request } from './request';

const account = {
  id: 'a1',
  phoneMasked: '138****8001',
  holder: { id: 'h1', kind: 'PERSON', nameMasked: '张*', idNumberMasked: '4401**********4518' },
  operators: [],
  consents: [],
  faceVerifiedUntil: null,
};

function respond(statusCode: number, data: unknown) {
  taro.request.mockResolvedValueOnce({ statusCode, data, header: {} });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeEach(() => {
  taro.request.mockReset();
  taro.store.clear();
});

describe('request', () => {
  it('sends the stored token as a Bearer header', async () => {
    taro.store.set('roadcert:accessToken', 'tok-123');
    respond(200, account);

    await getJson('/api/v1/me');

    const call = taro.request.mock.calls[0]?.[0];
    expect(call).toMatchObject({ url: '/api/v1/me', method: 'GET' });
    expect(call.header).toMatchObject({ Authorization: 'Bearer tok-123' });
  });

  it('sends no Authorization header when signed out', async () => {
    respond(200, account);
    await getJson('/api/v1/me');
    expect(taro.request.mock.calls[0]?.[0].header).not.toHaveProperty('Authorization');
  });

  it('posts JSON', async () => {
    respond(201, { ok: true });
    await postJson('/api/v1/auth/sms-codes', { phone: '13800138001' });
    expect(taro.request.mock.calls[0]?.[0]).toMatchObject({
      method: 'POST',
      data: { phone: '13800138001' },
      header: { 'Content-Type': 'application/json' },
    });
  });

  it('returns the body once it matches the schema', async () => {
    respond(200, account);
    await expect(getJson('/api/v1/me', accountProfileSchema)).resolves.toEqual(account);
  });

  it('rejects a 2xx body that breaks the contract as BAD_RESPONSE', async () => {
    respond(200, { id: 'h1' });
    const error = await rejection(getJson('/api/v1/me', accountProfileSchema));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.status).toBe(200);
  });

  it('maps the shared error body to code, status, message, request id and fields', async () => {
    respond(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的信息有误，请检查后重试',
      requestId: 'req-9',
      fields: { phone: '请输入正确的11位手机号码' },
    });
    const error = await rejection(request({ path: '/api/v1/auth/sms-codes', method: 'POST', data: { phone: '' } }));
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: '提交的信息有误，请检查后重试',
      requestId: 'req-9',
      fields: { phone: '请输入正确的11位手机号码' },
    });
  });

  it('flags a 401 as signed out', async () => {
    respond(401, { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录', requestId: 'r1' });
    const error = await rejection(getJson('/api/v1/me'));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(isUnauthenticated(error)).toBe(true);
  });

  it('falls back to a code for the status when the body is not the contract (e.g. a proxy page)', async () => {
    respond(502, '<html>Bad Gateway</html>');
    const error = await rejection(getJson('/api/v1/me'));
    expect(error).toMatchObject({ code: 'NOT_READY', status: 502, message: '服务暂不可用，请稍后再试' });
    expect(isUnauthenticated(error)).toBe(false);
  });

  it('does not trust an unknown error code', async () => {
    respond(500, { code: 'SOMETHING_NEW', message: 'x' });
    const error = await rejection(getJson('/api/v1/me'));
    expect(error).toMatchObject({ code: 'INTERNAL', status: 500, message: '系统繁忙，请稍后再试' });
  });

  it('turns a failed connection into NETWORK with a Chinese message', async () => {
    taro.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    const error = await rejection(getJson('/api/v1/me'));
    expect(error).toMatchObject({ code: 'NETWORK', status: 0, message: '网络连接失败，请检查网络后重试' });
    expect(isUnauthenticated(error)).toBe(false);
  });
});
