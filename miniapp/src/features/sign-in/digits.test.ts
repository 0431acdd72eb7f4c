import { describe, expect, it } from 'vitest';
import { codeInMessage, digitsOnly, phoneInput } from './digits';

describe('input clean-up', () => {
  it('keeps the digits of a pasted phone number, dropping +86, spaces and dashes', () => {
    expect(phoneInput('+86 138-0013-8001')).toBe('13800138001');
    expect(phoneInput('138 0013 8001 99')).toBe('13800138001');
    expect(phoneInput('1380')).toBe('1380');
  });

  it('keeps at most six digits of a code', () => {
    expect(digitsOnly('12 34 56 78', 6)).toBe('123456');
  });

  it('finds the six-digit code in an SMS text', () => {
    expect(codeInMessage('【道路运输电子证照】验证码 482913，5分钟内有效。')).toBe('482913');
    expect(codeInMessage('验证码:004821')).toBe('004821');
    expect(codeInMessage('您的号码13800138001已登记')).toBeNull();
    expect(codeInMessage('没有验证码')).toBeNull();
  });
});
