import {
  operatorActivateSchema,
  operatorMemberAddSchema,
  realNameBindSchema,
  smsCodeRequestSchema,
  smsLoginSchema,
} from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { validateForm } from './validation';

/** A citizen ID with a correct GB 11643 check character (from the seeded demo data). */
const VALID_ID = '440106198503124518';
const phoneAndCode = smsLoginSchema.pick({ phone: true, code: true });

describe('validateForm with the shared schemas', () => {
  it('accepts a mainland mobile number and trims it', () => {
    expect(validateForm(smsCodeRequestSchema, { phone: ' 13800138001 ' })).toEqual({
      ok: true,
      value: { phone: '13800138001' },
    });
  });

  it('gives the shared Chinese message for a bad phone number', () => {
    expect(validateForm(smsCodeRequestSchema, { phone: '12345' })).toEqual({
      ok: false,
      fields: { phone: '请输入正确的11位手机号码' },
    });
    expect(validateForm(smsCodeRequestSchema, { phone: '23800138001' })).toMatchObject({ ok: false });
  });

  it('checks phone and 6-digit code together, one message per field', () => {
    expect(validateForm(phoneAndCode, { phone: '', code: '12a' })).toEqual({
      ok: false,
      fields: { phone: '请输入正确的11位手机号码', code: '请输入6位数字验证码' },
    });
    expect(validateForm(phoneAndCode, { phone: '13800138001', code: '123456' })).toEqual({
      ok: true,
      value: { phone: '13800138001', code: '123456' },
    });
  });

  it('checks the real-name form: Chinese name, ID number with its check digit, upper-cased X', () => {
    expect(validateForm(realNameBindSchema, { name: '张伟', idNumber: VALID_ID })).toEqual({
      ok: true,
      value: { name: '张伟', idNumber: VALID_ID },
    });
    const wrongCheck = VALID_ID.slice(0, 17) + (VALID_ID.endsWith('8') ? '9' : '8');
    const result = validateForm(realNameBindSchema, { name: 'Zhang', idNumber: wrongCheck });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields.name).toBe('请输入中文姓名');
      expect(result.fields.idNumber).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(validateForm(realNameBindSchema, { name: '', idNumber: VALID_ID })).toMatchObject({
      ok: false,
      fields: { name: '请输入姓名' },
    });
  });

  it('checks the operator activation form (USCC check character, representative name and ID)', () => {
    const result = validateForm(operatorActivateSchema, {
      creditCode: '91440101MA5CXT3K0X',
      legalRepName: '黄建国',
      legalRepIdNumber: '123',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fields).sort()).toEqual(['creditCode', 'legalRepIdNumber']);
    }
  });

  it('checks a staff grant: phone and one of the grantable roles only', () => {
    expect(validateForm(operatorMemberAddSchema, { phone: '13900139001', role: 'MANAGER' })).toMatchObject({
      ok: true,
    });
    expect(validateForm(operatorMemberAddSchema, { phone: '13900139001', role: 'LEGAL_REPRESENTATIVE' })).toMatchObject(
      { ok: false, fields: { role: expect.any(String) } },
    );
  });
});
