import { holderProfileSchema } from '@roadcert/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => {
  const store = new Map<string, unknown>();
  return {
    store,
    request: vi.fn(),
    getStorageSync: vi.fn((key: string) => (store.has(key) ? store.get(key) : '')),
    setStorageSync: vi.fn((key: string, value: unknown) => void store.set(key, value)),
    removeStorageSync: vi.fn((key: string) => void store.delete(key)),
  };
});
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { ApiError, getJson, isUnauthenticated, postJson, request } from './request';

const holder = { id: 'h1', kind: 'PERSON', nameMasked: '张*', demo: true };

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
    taro.store.set('roadcert:sessionToken', 'tok-123');
    respond(200, holder);

    await getJson('/api/v1/me');

    const call = taro.request.mock.calls[0]?.[0];
    expect(call).toMatchObject({ url: '/api/v1/me', method: 'GET' });
    expect(call.header).toMatchObject({ Authorization: 'Bearer tok-123' });
  });

  it('sends no Authorization header when signed out', async () => {
    respond(200, holder);
    await getJson('/api/v1/me');
    expect(taro.request.mock.calls[0]?.[0].header).not.toHaveProperty('Authorization');
  });

  it('posts JSON', async () => {
    respond(201, { ok: true });
    await postJson('/api/v1/demo/session', { key: 'driver' });
    expect(taro.request.mock.calls[0]?.[0]).toMatchObject({
      method: 'POST',
      data: { key: 'driver' },
      header: { 'Content-Type': 'application/json' },
    });
  });

  it('returns the body once it matches the schema', async () => {
    respond(200, holder);
    await expect(getJson('/api/v1/me', holderProfileSchema)).resolves.toEqual(holder);
  });

  it('rejects a 2xx body that breaks the contract as BAD_RESPONSE', async () => {
    respond(200, { id: 'h1' });
    const error = await rejection(getJson('/api/v1/me', holderProfileSchema));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.status).toBe(200);
  });

  it('maps the shared error body to code, status, message, request id and fields', async () => {
    respond(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的信息有误，请检查后重试',
      requestId: 'req-9',
      fields: { key: '不能为空' },
    });
    const error = await rejection(request({ path: '/api/v1/demo/session', method: 'POST', data: { key: '' } }));
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: '提交的信息有误，请检查后重试',
      requestId: 'req-9',
      fields: { key: '不能为空' },
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
