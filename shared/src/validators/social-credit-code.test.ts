import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';
import { isValidOrganizationCode, organizationCodeCheckChar } from './organization-code';
import { SOCIAL_CREDIT_ALPHABET, socialCreditCheckChar, validateSocialCreditCode } from './social-credit-code';

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
