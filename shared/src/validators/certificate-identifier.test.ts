import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';
import {
  buildCertificateIdentifier,
  CERTIFICATE_IDENTIFIER_PREFIX,
  mod3736,
  parseCertificateIdentifier,
} from './certificate-identifier';

const EXAMPLE = '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('parseCertificateIdentifier', () => {
  it('accepts the GB/T 36904 worked example and returns its parts', () => {
    expect(parseCertificateIdentifier(EXAMPLE)).toEqual({
      ok: true,
      value: {
        typeCode: '11100000000013338W032',
        issuerCode: '11220000013544541J',
        serial: '2430599',
        version: '001',
        checkChar: 'F',
        identifier: EXAMPLE,
      },
    });
  });

  it('rejects every other check character', () => {
    for (const c of ALPHABET.replace('F', '')) {
      expect(parseCertificateIdentifier(`${EXAMPLE.slice(0, -1)}${c}`)).toMatchObject({
        ok: false,
        reason: 'CHECK_CHAR_MISMATCH',
      });
    }
  });

  it('detects a changed serial digit', () => {
    expect(parseCertificateIdentifier(EXAMPLE.replace('2430599', '2430598'))).toMatchObject({
      reason: 'CHECK_CHAR_MISMATCH',
    });
  });

  it.each([
    ['', 'EMPTY'],
    ['1.2.156.3005.1.11100000000013338W032.11220000013544541J.2430599.001.F', 'INVALID_PREFIX'],
    ['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.F', 'INVALID_STRUCTURE'],
    ['1.2.156.3005.2.11100000000013338W32.11220000013544541J.2430599.001.F', 'INVALID_TYPE_CODE'],
    ['1.2.156.3005.2.11100000000013338W032.1122000001354454.2430599.001.F', 'INVALID_ISSUER_CODE'],
    ['1.2.156.3005.2.11100000000013338W032.11220000013544541J..001.F', 'INVALID_SERIAL'],
    ['1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.1.F', 'INVALID_VERSION'],
  ])('rejects %j with %s', (input, reason) => {
    expect(parseCertificateIdentifier(input)).toMatchObject({ ok: false, reason });
  });

  it('warns, but does not fail, when an embedded credit code fails GB 32100', () => {
    const id = buildCertificateIdentifier({
      typeCode: '11100000000019713D071',
      issuerCode: '114400000000000001',
      serial: '1',
      version: 1,
    });
    const result = parseCertificateIdentifier(id);
    expect(result).toMatchObject({ ok: true, warnings: [expect.stringContaining('颁发机构')] });
  });
});

describe('buildCertificateIdentifier', () => {
  it('rebuilds the worked example', () => {
    const parts = { typeCode: '11100000000013338W032', issuerCode: '11220000013544541J', serial: '2430599' };
    expect(buildCertificateIdentifier({ ...parts, version: '001' })).toBe(EXAMPLE);
    expect(buildCertificateIdentifier({ ...parts, version: 1 })).toBe(EXAMPLE);
  });

  it('round-trips through the parser', () => {
    const id = buildCertificateIdentifier({
      typeCode: '11100000000019713D071',
      issuerCode: '11100000000019713D',
      serial: 'A0001',
      version: 2,
    });
    expect(parseCertificateIdentifier(id)).toMatchObject({ ok: true, value: { serial: 'A0001', version: '002' } });
  });

  it('throws on malformed parts', () => {
    expect(() =>
      buildCertificateIdentifier({ typeCode: 'D071', issuerCode: '11100000000019713D', serial: '1', version: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      buildCertificateIdentifier({
        typeCode: '11100000000019713D071',
        issuerCode: '11100000000019713D',
        serial: '1',
        version: 1000,
      }),
    ).toThrow(RangeError);
  });
});

describe('mod3736 against an independent ISO/IEC 7064 implementation', () => {
  it('agrees with the worked example', () => {
    expect(isoIec7064Valid('11100000000013338W03211220000013544541J2430599001F')).toBe(true);
  });

  it('agrees on a few hundred random strings', () => {
    const random = seededRandom(7064);
    for (let n = 0; n < 500; n += 1) {
      const length = 1 + Math.floor(random() * 60);
      const body = Array.from({ length }, () => ALPHABET.charAt(Math.floor(random() * 36))).join('');
      const check = mod3736(body);
      expect(checkCharByExhaustion(body)).toBe(check);
      expect(isoIec7064Valid(body + check)).toBe(true);
    }
  });

  it('rejects lower-case input rather than guessing', () => {
    expect(() => mod3736('abc')).toThrow(RangeError);
  });
});

/**
 * ISO/IEC 7064 hybrid system, written from the standard's verification rule:
 * with M = 36, P₁ = M; for each character aⱼ (including the check character)
 * Sⱼ = Pⱼ + aⱼ, reduce Sⱼ ||M (mod M, 0 counts as M), and Pⱼ₊₁ = (Sⱼ ||M × 2) mod (M+1).
 * A string is valid when the last reduced sum equals 1.
 */
function isoIec7064Valid(withCheck: string): boolean {
  const m = 36;
  let product = m;
  let reduced = 0;
  for (let j = 0; j < withCheck.length; j += 1) {
    const sum = product + ALPHABET.indexOf(withCheck.charAt(j));
    reduced = sum % m === 0 ? m : sum % m;
    product = (reduced * 2) % (m + 1);
  }
  return reduced === 1;
}

/** The check character is the unique one that makes the string valid. */
function checkCharByExhaustion(body: string): string {
  const valid = Array.from(ALPHABET).filter((c) => isoIec7064Valid(body + c));
  expect(valid).toHaveLength(1);
  return valid[0] ?? '';
}

/** GB/T 36904 part rules stated one by one (each was a surviving mutant, issue 12). */
describe('certificate identifier part rules', () => {
  const TYPE = '11100000000013338W032';
  const ISSUER = '11220000013544541J';
  const id = (typeCode: string, issuerCode: string, serial: string, version: string) =>
    `1.2.156.3005.2.${typeCode}.${issuerCode}.${serial}.${version}.${mod3736(typeCode + issuerCode + serial + version)}`;
  const reasonOf = (input: string) => {
    const result = parseCertificateIdentifier(input);
    return result.ok ? 'OK' : result.reason;
  };

  it('type code: exactly 18 credit-code characters and 3 digits', () => {
    expect(reasonOf(id(TYPE, ISSUER, '1', '001'))).toBe('OK');
    expect(reasonOf(id('1' + TYPE, ISSUER, '1', '001'))).toBe('INVALID_TYPE_CODE');
    expect(reasonOf(id(TYPE + '1', ISSUER, '1', '001'))).toBe('INVALID_TYPE_CODE');
    expect(reasonOf(id('11100000000013338W03A', ISSUER, '1', '001'))).toBe('INVALID_TYPE_CODE');
    expect(reasonOf(id('11100000000013338I032', ISSUER, '1', '001'))).toBe('INVALID_TYPE_CODE');
  });

  it('issuer code: exactly 18 credit-code characters', () => {
    expect(reasonOf(id(TYPE, '1' + ISSUER, '1', '001'))).toBe('INVALID_ISSUER_CODE');
    expect(reasonOf(id(TYPE, ISSUER + '1', '1', '001'))).toBe('INVALID_ISSUER_CODE');
    expect(reasonOf(id(TYPE, '11220000013544541O', '1', '001'))).toBe('INVALID_ISSUER_CODE');
  });

  it('serial: 1 to 32 characters of 0-9A-Z', () => {
    expect(reasonOf(id(TYPE, ISSUER, 'Z', '001'))).toBe('OK');
    expect(reasonOf(id(TYPE, ISSUER, '9'.repeat(32), '001'))).toBe('OK');
    expect(reasonOf(id(TYPE, ISSUER, 'A' + '9'.repeat(32), '001'))).toBe('INVALID_SERIAL');
    expect(reasonOf(id(TYPE, ISSUER, '9'.repeat(32) + 'A', '001'))).toBe('INVALID_SERIAL');
    expect(reasonOf(`1.2.156.3005.2.${TYPE}.${ISSUER}.12-4.001.F`)).toBe('INVALID_SERIAL');
  });

  it('version: exactly 3 digits', () => {
    expect(reasonOf(id(TYPE, ISSUER, '1', '999'))).toBe('OK');
    expect(reasonOf(id(TYPE, ISSUER, '1', '0001'))).toBe('INVALID_VERSION');
    expect(reasonOf(id(TYPE, ISSUER, '1', '1001'))).toBe('INVALID_VERSION');
    expect(reasonOf(id(TYPE, ISSUER, '1', '00A'))).toBe('INVALID_VERSION');
  });

  it('starts with the OID arc 1.2.156.3005.2.', () => {
    expect(CERTIFICATE_IDENTIFIER_PREFIX).toBe('1.2.156.3005.2.');
    expect(reasonOf(id(TYPE, ISSUER, '1', '001').replace('1.2.156.3005.2.', '1.2.156.3005.2.0.'))).toBe(
      'INVALID_STRUCTURE',
    );
  });

  it('passes on the warning of a pilot-era issuer code', () => {
    const result = parseCertificateIdentifier(id(TYPE, '91350100M0001TGQXM', '1', '001'));
    expect(result).toMatchObject({ ok: true, warnings: [expect.stringContaining('试点')] });
  });
});
