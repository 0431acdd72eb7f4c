import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, verifyTotp } from './totp';

const rfcSecret = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP / TOTP', () => {
  it('matches the RFC 4226 Appendix D test values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(rfcSecret, counter))).toEqual(expected);
  });

  it('matches the RFC 6238 Appendix B test values (SHA-1, 8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) expect(hotp(rfcSecret, Math.floor(t / 30), 8)).toBe(code);
  });

  it('accepts the current step and one either side, nothing further, and says which step matched', () => {
    const at = new Date(1_111_111_111_000);
    const step = Math.floor(1_111_111_111 / 30);
    expect(verifyTotp(rfcSecret, hotp(rfcSecret, step), at)).toBe(step);
    expect(verifyTotp(rfcSecret, hotp(rfcSecret, step - 1), at)).toBe(step - 1);
    expect(verifyTotp(rfcSecret, hotp(rfcSecret, step + 1), at)).toBe(step + 1);
    expect(verifyTotp(rfcSecret, hotp(rfcSecret, step - 2), at)).toBeNull();
    expect(verifyTotp(rfcSecret, hotp(rfcSecret, step + 2), at)).toBeNull();
    expect(verifyTotp(rfcSecret, '12345', at)).toBeNull();
  });

  it('round-trips base32 (RFC 4648) and builds an otpauth URI authenticator apps read', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
    expect(otpauthUri('MZXW6YTBOI', 'reviewer')).toBe(
      'otpauth://totp/RoadCert%3Areviewer?secret=MZXW6YTBOI&issuer=RoadCert&algorithm=SHA1&digits=6&period=30',
    );
  });
});
