import { describe, expect, it } from 'vitest';
import { accountProfileSchema } from './auth';
import { errorBodySchema } from './common';

describe('error body: retryAfterSeconds', () => {
  it('carries the wait of a rate limit or lockout as whole positive seconds', () => {
    expect(
      errorBodySchema.parse({
        code: 'SMS_RATE_LIMITED',
        message: '验证码发送过于频繁，请稍后再试',
        retryAfterSeconds: 42,
      }),
    ).toMatchObject({ retryAfterSeconds: 42 });
    expect(
      errorBodySchema.parse({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' }).retryAfterSeconds,
    ).toBeUndefined();
    expect(errorBodySchema.safeParse({ code: 'SMS_RATE_LIMITED', message: 'x', retryAfterSeconds: 0 }).success).toBe(
      false,
    );
    expect(errorBodySchema.safeParse({ code: 'SMS_RATE_LIMITED', message: 'x', retryAfterSeconds: 1.5 }).success).toBe(
      false,
    );
  });
});

describe('account profile: holder.idNumberMasked', () => {
  const base = { id: 'a', phoneMasked: '138****8004', operators: [], consents: [], faceVerifiedUntil: null };
  it('is the masked ID for a person and null for an operator', () => {
    const person = accountProfileSchema.parse({
      ...base,
      holder: { id: 'h', kind: 'PERSON', nameMasked: '陈*', idNumberMasked: '4401**********2042' },
    });
    expect(person.holder?.idNumberMasked).toBe('4401**********2042');
    const operator = accountProfileSchema.parse({
      ...base,
      holder: { id: 'h', kind: 'OPERATOR', nameMasked: '广州顺达物流有限公司', idNumberMasked: null },
    });
    expect(operator.holder?.idNumberMasked).toBeNull();
  });
  it('is required in the contract (null, not missing)', () => {
    expect(
      accountProfileSchema.safeParse({ ...base, holder: { id: 'h', kind: 'PERSON', nameMasked: '陈*' } }).success,
    ).toBe(false);
  });
});
