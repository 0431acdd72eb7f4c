import { errorCodes } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, NETWORK_MESSAGE } from '../../lib/api-error';
import { placeSmsError, resendWaitAfter } from './sms-errors';

function error(code: keyof typeof errorCodes, fields?: Record<string, string>) {
  return new ApiError({ code, status: errorCodes[code].status, message: errorCodes[code].message, fields });
}

describe('placeSmsError', () => {
  it('puts a wrong code under the code field', () => {
    expect(placeSmsError(error('SMS_CODE_INVALID'))).toEqual({
      fields: { code: '验证码错误，请重新输入' },
      form: null,
      allowResend: false,
    });
  });

  it('puts an expired code under the code field and allows asking for a new one at once', () => {
    expect(placeSmsError(error('SMS_CODE_EXPIRED'))).toEqual({
      fields: { code: '验证码已失效，请重新获取' },
      form: null,
      allowResend: true,
    });
  });

  it.each(['SMS_CODE_LOCKED', 'SMS_RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'WECHAT_LOGIN_FAILED'] as const)(
    'shows %s above the button with the server message',
    (code) => {
      expect(placeSmsError(error(code))).toEqual({ fields: {}, form: errorCodes[code].message, allowResend: false });
    },
  );

  it('shows a network failure above the button', () => {
    const network = new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE });
    expect(placeSmsError(network).form).toBe(NETWORK_MESSAGE);
  });

  it("maps the server's field errors to the fields, or to the form when there are none", () => {
    expect(placeSmsError(error('VALIDATION_FAILED', { phone: '请输入正确的11位手机号码' })).fields).toEqual({
      phone: '请输入正确的11位手机号码',
    });
    expect(placeSmsError(error('VALIDATION_FAILED')).form).toBe('提交的信息有误，请检查后重试');
  });
});

describe('resendWaitAfter', () => {
  it("starts the resend countdown from the server's retryAfterSeconds on SMS_RATE_LIMITED", () => {
    const body = {
      code: 'SMS_RATE_LIMITED',
      message: '获取验证码过于频繁，请1分钟后再试',
      requestId: 'r1',
      retryAfterSeconds: 47,
    };
    const error = errorFromResponse(429, body);
    expect(error.retryAfterSeconds).toBe(47);
    expect(resendWaitAfter(error)).toBe(47);
  });

  it('waits out a lock after too many wrong codes', () => {
    expect(
      resendWaitAfter(
        errorFromResponse(429, {
          code: 'SMS_CODE_LOCKED',
          message: '验证码错误次数过多，请15分钟后再试',
          retryAfterSeconds: 900,
        }),
      ),
    ).toBe(900);
  });

  it('gives no wait when the body has none, or for other errors', () => {
    expect(
      resendWaitAfter(errorFromResponse(429, { code: 'SMS_RATE_LIMITED', message: '验证码发送过于频繁，请稍后再试' })),
    ).toBeNull();
    expect(
      resendWaitAfter(
        errorFromResponse(400, { code: 'SMS_CODE_INVALID', message: '验证码错误，请重新输入', retryAfterSeconds: 5 }),
      ),
    ).toBeNull();
    expect(resendWaitAfter(new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE }))).toBeNull();
  });
});
