import { errorCodes } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { placeRealNameError } from './real-name-errors';

function error(code: keyof typeof errorCodes, fields?: Record<string, string>) {
  return new ApiError({ code, status: errorCodes[code].status, message: errorCodes[code].message, fields });
}

describe('placeRealNameError', () => {
  it('shows a mismatch above the button, never against one field (no hint which part exists)', () => {
    expect(placeRealNameError(error('REAL_NAME_MISMATCH'))).toEqual({
      fields: {},
      form: errorCodes.REAL_NAME_MISMATCH.message,
      locked: false,
      consentRequired: false,
    });
  });

  it('locks the form after too many mismatches', () => {
    expect(placeRealNameError(error('REAL_NAME_LOCKED'))).toMatchObject({
      form: '实名认证失败次数过多，请24小时后再试',
      locked: true,
    });
  });

  it('asks for the ID-number consent again on CONSENT_REQUIRED', () => {
    expect(placeRealNameError(error('CONSENT_REQUIRED'))).toMatchObject({
      consentRequired: true,
      form: '请先阅读并同意相关授权',
    });
  });

  it("puts the server's field errors under the fields", () => {
    expect(placeRealNameError(error('VALIDATION_FAILED', { idNumber: '身份证号码校验位错误' })).fields).toEqual({
      idNumber: '身份证号码校验位错误',
    });
  });
});
