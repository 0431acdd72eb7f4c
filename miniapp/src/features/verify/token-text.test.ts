import { describe, expect, it } from 'vitest';
import { tokenDigits } from './token-text';

describe('token digits from what a verifier pastes or scans', () => {
  it('takes the digits from the QR URL, with or without a query or fragment', () => {
    expect(tokenDigits('https://roadcert.example.gov.cn/v/0123456789')).toBe('0123456789');
    expect(tokenDigits(' http://127.0.0.1:3000/v/123?utm=x#y ')).toBe('123');
  });

  it("takes them from the verify page's own URL", () => {
    expect(tokenDigits('https://roadcert.example.gov.cn/pkg-verify/pages/verify/index?t=98765')).toBe('98765');
  });

  it('accepts bare digits typed with spaces or dashes', () => {
    expect(tokenDigits('1234 5678-90')).toBe('1234567890');
  });

  it('refuses anything else', () => {
    expect(tokenDigits('')).toBeNull();
    expect(tokenDigits('https://example.com/v/')).toBeNull();
    expect(tokenDigits('https://example.com/v/12a4')).toBeNull();
    expect(tokenDigits('hello')).toBeNull();
  });
});
