import type { ApiError } from '../../lib/api-error';

/** 工作人员登录 is two steps: 用户名 + 密码, then the 6-digit 动态验证码 from the authenticator app. */
export type StaffSignInStep = 'password' | 'code';

export interface SignInOutcome {
  /** The step the page shows after the error. */
  step: StaffSignInStep;
  message: string;
}

const minutes = (seconds: number | undefined) => Math.max(1, Math.ceil((seconds ?? 900) / 60));

/**
 * Where a failed step leaves the reviewer. A wrong code keeps the code step (type it again);
 * the challenge being gone (expired, used, too many codes) goes back to the password; a lock says
 * how long it lasts.
 */
export function signInOutcome(error: ApiError, step: StaffSignInStep): SignInOutcome {
  switch (error.code) {
    case 'SECOND_FACTOR_INVALID':
      return { step: 'code', message: error.message };
    case 'STAFF_LOCKED':
      return {
        step: 'password',
        message: `登录失败次数过多，账号已锁定，请约${minutes(error.retryAfterSeconds)}分钟后再试`,
      };
    case 'STAFF_LOGIN_FAILED':
      return { step: 'password', message: error.message };
    default:
      return { step, message: error.message };
  }
}

/** Local checks before the round trip; null when the input can be sent. */
export function passwordStepProblem(username: string, password: string): string | null {
  if (username.trim() === '') return '请输入用户名';
  if (password === '') return '请输入密码';
  return null;
}

export function codeStepProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code.trim())) return '请输入验证器中的6位数字动态验证码';
  return null;
}
