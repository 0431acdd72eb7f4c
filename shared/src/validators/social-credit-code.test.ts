import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';
import { isValidOrganizationCode, organizationCodeCheckChar } from './organization-code';
import {
  pilotCreditCodeAllowlist,
  SOCIAL_CREDIT_ALPHABET,
  socialCreditCheckChar,
  validateSocialCreditCode,
} from './social-credit-code';

describe('validateSocialCreditCode', () => {
  it.each(['11100000000019713D', '11100000000013338W', '11220000013544541J'])('accepts %s', (code) => {
    expect(validateSocialCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('rejects every other check character', () => {
    for (const c of SOCIAL_CREDIT_ALPHABET.replace('D', '')) {
      expect(validateSocialCreditCode(`11100000000019713${c}`)).toMatchObject({
        ok: false,
        reason: 'CHECK_CHAR_MISMATCH',
      });
    }
  });

  it.each(['91350100M0001TGQXM', '91350211M0000XUF46'])('accepts the pilot-era code %s with a warning', (code) => {
    const result = validateSocialCreditCode(code);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings).toHaveLength(1);
  });

  it('accepts extra legal codes from configuration', () => {
    const odd = '91350100M0001TGQX0';
    expect(validateSocialCreditCode(odd).ok).toBe(false);
    expect(validateSocialCreditCode(odd, { knownLegalCodes: [odd] })).toMatchObject({
      ok: true,
      warnings: [expect.any(String)],
    });
  });

  it('applies the pilot pattern only when asked, and only to Fujian 工商 codes with a valid organisation code', () => {
    // Made-up codes: 16 characters, then a correct GB 11714 check, then a wrong GB 32100 check.
    const fujian = withWrongCheck(withOrgCheck('91350203M0002ABC'));
    const guangdong = withWrongCheck(withOrgCheck('91440101M0002ABC'));
    expect(validateSocialCreditCode(fujian).ok).toBe(false);
    expect(validateSocialCreditCode(fujian, { lenientPilotRule: true }).ok).toBe(true);
    expect(validateSocialCreditCode(guangdong, { lenientPilotRule: true }).ok).toBe(false);
  });

  it.each([
    ['', 'EMPTY'],
    ['11100000000019713', 'INVALID_LENGTH'],
    ['1110000000001971SD', 'INVALID_CHARACTER'],
    ['11100000000O19713D', 'INVALID_CHARACTER'],
  ])('rejects %j with %s', (input, reason) => {
    expect(validateSocialCreditCode(input)).toMatchObject({ ok: false, reason });
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(validateSocialCreditCode(' 111000000000 19713d')).toMatchObject({ ok: true, value: '11100000000019713D' });
    expect(validateSocialCreditCode('１１１０００００００００１９７１３Ｄ')).toMatchObject({ ok: true });
  });

  it('generates check characters that validate, for seed data', () => {
    const random = seededRandom(32100);
    for (let n = 0; n < 200; n += 1) {
      const body = Array.from({ length: 17 }, () => SOCIAL_CREDIT_ALPHABET.charAt(Math.floor(random() * 31))).join('');
      expect(validateSocialCreditCode(body + socialCreditCheckChar(body)).ok).toBe(true);
    }
    expect(() => socialCreditCheckChar('I'.repeat(17))).toThrow(RangeError);
  });
});

describe('organisation code (GB 11714)', () => {
  it('checks the codes embedded in known credit codes', () => {
    expect(isValidOrganizationCode('000019713')).toBe(true);
    expect(isValidOrganizationCode('013544541')).toBe(true);
    expect(isValidOrganizationCode('013544542')).toBe(false);
    expect(isValidOrganizationCode('M0001TGQX')).toBe(true);
  });
});

function withOrgCheck(first16: string): string {
  return first16 + organizationCodeCheckChar(first16.slice(8));
}

function withWrongCheck(first17: string): string {
  const right = SOCIAL_CREDIT_ALPHABET.indexOf(socialCreditCheckChar(first17));
  return first17 + SOCIAL_CREDIT_ALPHABET.charAt((right + 1) % SOCIAL_CREDIT_ALPHABET.length);
}

/** GB 32100 / GB 11714 rules stated one by one (each was a surviving mutant, issue 12). */
describe('credit code rules', () => {
  it('uses the 31-character alphabet without I, O, Z, S, V, in value order', () => {
    expect(SOCIAL_CREDIT_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    for (const c of 'IOZSV') {
      expect(validateSocialCreditCode(`1110000000001971${c}D`)).toMatchObject({ reason: 'INVALID_CHARACTER' });
    }
  });

  it('computes the check character only from exactly 17 characters', () => {
    expect(socialCreditCheckChar('11100000000019713')).toBe('D');
    expect(() => socialCreditCheckChar('11100000000019713D')).toThrow(RangeError);
    expect(() => socialCreditCheckChar('1110000000001971')).toThrow(RangeError);
    expect(() => socialCreditCheckChar('-11100000000019713')).toThrow(RangeError);
  });

  it('allow-lists exactly the two known pilot codes', () => {
    expect([...pilotCreditCodeAllowlist]).toEqual(['91350100M0001TGQXM', '91350211M0000XUF46']);
  });

  it('accepts a configured legal code only when it is that code (normalised), not any code', () => {
    const odd = '91350100M0001TGQX0';
    expect(validateSocialCreditCode(odd, { knownLegalCodes: ['91350100M0001TGQX1'] })).toMatchObject({
      ok: false,
      reason: 'CHECK_CHAR_MISMATCH',
    });
    expect(validateSocialCreditCode(odd, { knownLegalCodes: [] }).ok).toBe(false);
    expect(validateSocialCreditCode(odd, { knownLegalCodes: [' 91350100m0001tgqx0'] })).toMatchObject({
      ok: true,
      value: odd,
    });
  });

  it('reads the lenient pilot pattern as: 工商 (first character 9), Fujian (35), valid embedded organisation code', () => {
    const code = (first16: string) => withWrongCheck(withOrgCheck(first16));
    expect(validateSocialCreditCode(code('91350203M0002ABC'), { lenientPilotRule: true }).ok).toBe(true);
    expect(validateSocialCreditCode(code('51350203M0002ABC'), { lenientPilotRule: true }).ok).toBe(false);
    expect(validateSocialCreditCode(code('93510203M0002ABC'), { lenientPilotRule: true }).ok).toBe(false);
    const badOrg = withWrongCheck('91350203M0002ABC' + 'X');
    expect(isValidOrganizationCode(badOrg.slice(8, 17))).toBe(false);
    expect(validateSocialCreditCode(badOrg, { lenientPilotRule: true }).ok).toBe(false);
  });
});

describe('organisation code rules (GB 11714)', () => {
  it('gives 11 − (Σ mod 11), with 10 → X and 11 → 0', () => {
    expect(organizationCodeCheckChar('00001971')).toBe('3'); // Σ mod 11 = 8
    expect(organizationCodeCheckChar('00000006')).toBe('X'); // Σ mod 11 = 1
    expect(organizationCodeCheckChar('00000019')).toBe('0'); // Σ mod 11 = 0
    expect(isValidOrganizationCode('000000190')).toBe(true);
    expect(isValidOrganizationCode('00000006X')).toBe(true);
  });

  it('values letters A–Z as 10–35', () => {
    expect(organizationCodeCheckChar('M0001TGQ')).toBe('X');
    expect(organizationCodeCheckChar('ABCDEFGH')).toBe('5');
    expect(organizationCodeCheckChar('A0000197')).toBe('0');
    expect(organizationCodeCheckChar('Z0000000')).toBe('5'); // 35 × 3 = 105, mod 11 = 6
  });

  it('takes exactly 8 body characters, and a code of exactly 9', () => {
    expect(() => organizationCodeCheckChar('0000197')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('000019713')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('a0000197')).toThrow(RangeError);
    expect(isValidOrganizationCode('0000197130')).toBe(false); // a valid code and one more character
    expect(isValidOrganizationCode('A000019700')).toBe(false); // one character, then a valid-looking code
    expect(isValidOrganizationCode('0000-1971')).toBe(false);
  });
});
