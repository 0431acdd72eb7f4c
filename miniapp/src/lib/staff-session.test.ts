import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => ({
  ...(await import('../test/taro-storage-mock')).fakeTaroStorage(),
  request: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { getJson } from './request';
import { clearStaffToken, hasStaffSession, saveStaffToken, staffRequest } from './staff-session';

const respond = (statusCode: number, data: unknown) =>
  taro.request.mockResolvedValueOnce({ statusCode, data, header: {} });
const sentAuthorization = (call: number) =>
  (taro.request.mock.calls[call]?.[0] as { header: Record<string, string> }).header.Authorization;

beforeEach(() => {
  taro.request.mockReset();
  taro.store.clear();
  taro.store.set('roadcert:accessToken', 'holder-token');
  taro.store.set('roadcert:refreshToken', 'holder-refresh-0123456789');
});

describe('staff session', () => {
  it('sends the staff token to staff calls and the account token to account calls, never the other', async () => {
    saveStaffToken('staff-token');
    respond(200, {});
    respond(200, {});
    await staffRequest({ path: '/api/v1/staff/me' });
    await getJson('/api/v1/me');
    expect(sentAuthorization(0)).toBe('Bearer staff-token');
    expect(sentAuthorization(1)).toBe('Bearer holder-token');
  });

  it('sends no token on the sign-in steps', async () => {
    saveStaffToken('staff-token');
    respond(200, {});
    await staffRequest({ path: '/api/v1/staff/auth/login', method: 'POST', data: {}, auth: false });
    expect(sentAuthorization(0)).toBeUndefined();
  });

  it('a 401 ends the staff session only: no refresh attempt, the account tokens stay', async () => {
    saveStaffToken('staff-token');
    respond(401, { code: 'SESSION_IDLE_TIMEOUT', message: '长时间未操作，请重新登录', requestId: 'r1' });
    await expect(staffRequest({ path: '/api/v1/staff/applications' })).rejects.toMatchObject({
      code: 'SESSION_IDLE_TIMEOUT',
      status: 401,
    });
    expect(taro.request).toHaveBeenCalledTimes(1);
    expect(hasStaffSession()).toBe(false);
    expect(taro.store.get('roadcert:accessToken')).toBe('holder-token');
    expect(taro.store.get('roadcert:refreshToken')).toBe('holder-refresh-0123456789');
  });

  it('other errors keep the session (e.g. someone else decided first)', async () => {
    saveStaffToken('staff-token');
    respond(409, {
      code: 'APPLICATION_STATE_INVALID',
      message: '申请当前状态不允许此操作，请刷新后重试',
      requestId: 'r2',
    });
    await expect(
      staffRequest({ path: '/api/v1/staff/applications/x/approve', method: 'POST', data: {} }),
    ).rejects.toMatchObject({ code: 'APPLICATION_STATE_INVALID' });
    expect(hasStaffSession()).toBe(true);
  });

  it('clearing the staff session leaves the account signed in', () => {
    saveStaffToken('staff-token');
    clearStaffToken();
    expect(hasStaffSession()).toBe(false);
    expect(taro.store.get('roadcert:accessToken')).toBe('holder-token');
  });
});
