import { errorCodes } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { codeStepProblem, passwordStepProblem, signInOutcome } from './sign-in-state';

const error = (
  code: 'STAFF_LOGIN_FAILED' | 'STAFF_LOCKED' | 'SECOND_FACTOR_INVALID' | 'NETWORK',
  extra: { message?: string; retryAfterSeconds?: number } = {},
) =>
  new ApiError({
    code,
    status: code === 'NETWORK' ? 0 : errorCodes[code].status,
    message: extra.message ?? (code === 'NETWORK' ? '网络连接失败' : errorCodes[code].message),
    retryAfterSeconds: extra.retryAfterSeconds,
  });

describe('signInOutcome', () => {
  it('a wrong code stays on the code step with the server’s words', () => {
    expect(
      signInOutcome(
        error('SECOND_FACTOR_INVALID', { message: '动态验证码错误，请核对验证器中的6位数字后重试' }),
        'code',
      ),
    ).toEqual({ step: 'code', message: '动态验证码错误，请核对验证器中的6位数字后重试' });
  });

  it('a failed or expired sign-in goes back to the password', () => {
    expect(signInOutcome(error('STAFF_LOGIN_FAILED'), 'password')).toEqual({
      step: 'password',
      message: '用户名或密码错误',
    });
    expect(
      signInOutcome(error('STAFF_LOGIN_FAILED', { message: '登录已失效，请重新输入用户名和密码' }), 'code'),
    ).toEqual({ step: 'password', message: '登录已失效，请重新输入用户名和密码' });
  });

  it('a lock says how many minutes it lasts', () => {
    expect(signInOutcome(error('STAFF_LOCKED', { retryAfterSeconds: 900 }), 'code')).toEqual({
      step: 'password',
      message: '登录失败次数过多，账号已锁定，请约15分钟后再试',
    });
    expect(signInOutcome(error('STAFF_LOCKED', { retryAfterSeconds: 61 }), 'password').message).toContain('约2分钟');
  });

  it('anything else keeps the step', () => {
    expect(signInOutcome(error('NETWORK'), 'code')).toEqual({ step: 'code', message: '网络连接失败' });
  });
});

describe('local checks', () => {
  it('wants a username and a password', () => {
    expect(passwordStepProblem(' ', 'x')).toBe('请输入用户名');
    expect(passwordStepProblem('reviewer', '')).toBe('请输入密码');
    expect(passwordStepProblem('reviewer', 'x')).toBeNull();
  });

  it('wants six digits', () => {
    expect(codeStepProblem('12345')).not.toBeNull();
    expect(codeStepProblem('12345a')).not.toBeNull();
    expect(codeStepProblem(' 123456 ')).toBeNull();
  });
});
