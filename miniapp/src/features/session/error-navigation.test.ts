import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => ({
  ...(await import('../../test/taro-storage-mock')).fakeTaroStorage(),
  pages: [] as { route: string }[],
  navigateTo: vi.fn(() => Promise.resolve()),
  reLaunch: vi.fn(() => Promise.resolve()),
  getCurrentPages: vi.fn(() => taro.pages),
}));
vi.mock('@tarojs/taro', () => ({ default: taro, useRouter: () => ({ params: {} }) }));

import { errorCodes } from '@roadcert/shared';
import { ApiError, type ApiErrorCode } from '../../lib/api-error';
import { followErrorNavigation, followSignInNavigation, navigationForError } from './error-navigation';

function apiError(code: Exclude<ApiErrorCode, 'NETWORK' | 'BAD_RESPONSE'>): ApiError {
  return new ApiError({ code, status: errorCodes[code].status, message: errorCodes[code].message });
}

beforeEach(() => {
  taro.store.clear();
  taro.store.set('roadcert:accessToken', 'tok');
  taro.store.set('roadcert:refreshToken', 'refresh-0123456789abcdefgh');
  taro.pages = [{ route: 'pages/index/index' }];
  taro.navigateTo.mockClear();
  taro.reLaunch.mockClear();
});

describe('navigationForError', () => {
  it.each(['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'SESSION_IDLE_TIMEOUT'] as const)(
    '%s → sign in',
    (code) => {
      expect(navigationForError(code)).toEqual({ kind: 'sign-in' });
    },
  );

  it('REAL_NAME_REQUIRED → the real-name page', () => {
    expect(navigationForError('REAL_NAME_REQUIRED')).toEqual({ kind: 'page', route: 'realName' });
  });

  it('CONSENT_REQUIRED → the consent page (隐私与授权)', () => {
    expect(navigationForError('CONSENT_REQUIRED')).toEqual({ kind: 'page', route: 'privacy' });
  });

  it("FACE_VERIFICATION_REQUIRED → back into the certificate's activation, or the face step on its own", () => {
    expect(navigationForError('FACE_VERIFICATION_REQUIRED', { certificateId: 'c1' })).toEqual({
      kind: 'page',
      route: 'activate',
      query: { certificateId: 'c1' },
    });
    expect(navigationForError('FACE_VERIFICATION_REQUIRED')).toEqual({
      kind: 'page',
      route: 'realName',
      query: { step: 'face' },
    });
  });

  it.each([
    'SMS_RATE_LIMITED',
    'SMS_CODE_INVALID',
    'SMS_CODE_EXPIRED',
    'SMS_CODE_LOCKED',
    'REAL_NAME_MISMATCH',
    'REAL_NAME_LOCKED',
    'FACE_VERIFICATION_FAILED',
    'NOT_ACTIVATABLE',
    'WECHAT_LOGIN_FAILED',
    'UPSTREAM_UNAVAILABLE',
    'NETWORK',
    'FORBIDDEN',
  ] as const)('%s stays on the page (its message is shown there)', (code) => {
    expect(navigationForError(code)).toBeNull();
  });
});

describe('followErrorNavigation', () => {
  it('on a sign-in code clears both tokens and relaunches the sign-in page', () => {
    expect(followErrorNavigation(apiError('TOKEN_EXPIRED'))).toBe(true);
    expect(taro.store.has('roadcert:accessToken')).toBe(false);
    expect(taro.store.has('roadcert:refreshToken')).toBe(false);
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('opens sign-in once when several calls fail together', async () => {
    followErrorNavigation(apiError('TOKEN_INVALID'));
    followErrorNavigation(apiError('UNAUTHENTICATED'));
    expect(taro.reLaunch).toHaveBeenCalledTimes(1);
    await Promise.resolve();
  });

  it('does not reopen sign-in when already there', async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    taro.pages = [{ route: 'pages/login/index' }];
    followErrorNavigation(apiError('TOKEN_INVALID'));
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });

  it('opens the step page on top for REAL_NAME_REQUIRED and keeps the session', () => {
    expect(followErrorNavigation(apiError('REAL_NAME_REQUIRED'))).toBe(true);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-account/pages/real-name/index' });
    expect(taro.store.get('roadcert:accessToken')).toBe('tok');
  });

  it('passes the certificate along for FACE_VERIFICATION_REQUIRED', () => {
    followErrorNavigation(apiError('FACE_VERIFICATION_REQUIRED'), { certificateId: 'c 1' });
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-certificate/pages/activate/index?certificateId=c%201' });
  });

  it('leaves other errors to the page (returns false, no navigation)', () => {
    expect(followErrorNavigation(apiError('REAL_NAME_MISMATCH'))).toBe(false);
    expect(taro.navigateTo).not.toHaveBeenCalled();
    expect(taro.reLaunch).not.toHaveBeenCalled();
  });
});

describe('followSignInNavigation', () => {
  it('handles only the sign-in codes', async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(followSignInNavigation(apiError('REAL_NAME_REQUIRED'))).toBe(false);
    expect(taro.navigateTo).not.toHaveBeenCalled();
    expect(followSignInNavigation(apiError('SESSION_IDLE_TIMEOUT'))).toBe(true);
    expect(taro.reLaunch).toHaveBeenCalledTimes(1);
  });
});
