import { describe, expect, it } from 'vitest';
import {
  citizenIdBirthDate,
  citizenIdCheckChar,
  citizenIdSex,
  citizenSexLabels,
  validateCitizenId,
} from './citizen-id';

const TODAY = '2025-06-01';

describe('validateCitizenId', () => {
  it('accepts the GB 11643 worked example', () => {
    expect(validateCitizenId('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('rejects every other last character of the worked example', () => {
    for (const c of '0123456789') {
      const result = validateCitizenId(`11010519491231002${c}`, { today: TODAY });
      expect(result).toMatchObject({ ok: false, reason: 'CHECK_CHAR_MISMATCH' });
    }
  });

  it('accepts 441827197312188910: its MOD 11-2 check character is 0', () => {
    expect(citizenIdCheckChar('44182719731218891')).toBe('0');
    expect(validateCitizenId('441827197312188910', { today: TODAY }).ok).toBe(true);
  });

  it('normalises lower-case x, full-width characters and spaces', () => {
    expect(validateCitizenId(' 110105 19491231 002x', { today: TODAY })).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
    expect(validateCitizenId('１１０１０５１９４９１２３１００２Ｘ', { today: TODAY })).toMatchObject({ ok: true });
  });

  it.each([
    ['', 'EMPTY'],
    ['110105491231002', 'LEGACY_15_DIGIT'],
    ['11010519491231002', 'INVALID_FORMAT'],
    ['1101051949123100XX', 'INVALID_FORMAT'],
    ['00010519491231002X', 'INVALID_AREA'],
  ])('rejects %j with %s', (input, reason) => {
    expect(validateCitizenId(input, { today: TODAY })).toMatchObject({ ok: false, reason });
  });

  it('rejects impossible and future birth dates even with a correct check character', () => {
    const withCheck = (first17: string) => first17 + citizenIdCheckChar(first17);
    expect(validateCitizenId(withCheck('11010519490230002'), { today: TODAY })).toMatchObject({
      reason: 'INVALID_BIRTH_DATE',
    });
    expect(validateCitizenId(withCheck('11010518991231002'), { today: TODAY })).toMatchObject({
      reason: 'INVALID_BIRTH_DATE',
    });
    expect(validateCitizenId(withCheck('11010520250602002'), { today: TODAY })).toMatchObject({
      reason: 'FUTURE_BIRTH_DATE',
    });
    expect(validateCitizenId(withCheck('11010520250601002'), { today: TODAY }).ok).toBe(true);
    expect(validateCitizenId(withCheck('11010520000229002'), { today: TODAY }).ok).toBe(true);
  });

  it('gives a Chinese message on failure', () => {
    const result = validateCitizenId('11010519491231002Y', { today: TODAY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/身份证/);
  });
});

describe('citizen ID helpers', () => {
  it('reads birth date and sex', () => {
    expect(citizenIdBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(citizenIdSex('11010519491231002X')).toBe('FEMALE');
    expect(citizenIdSex('441827197312188910')).toBe('MALE');
    expect(citizenIdBirthDate('11010519491331002X')).toBeUndefined();
    expect(citizenIdSex('abc')).toBeUndefined();
  });

  it('refuses to compute a check character for malformed input', () => {
    expect(() => citizenIdCheckChar('1234')).toThrow(RangeError);
  });
});

/** GB 11643 rules stated one by one (each was a surviving mutant, issue 12). */
describe('citizen ID rules', () => {
  const withCheck = (first17: string) => first17 + citizenIdCheckChar(first17);
  const check = (id: string) => validateCitizenId(id, { today: TODAY });

  it('is exactly 18 characters: a 19th character, or one in front, fails the format', () => {
    expect(check('11010519491231002X1')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
    expect(check('441827197312188910' + '0')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
    expect(check('X11010519491231002X')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
    expect(() => citizenIdCheckChar('441827197312188910')).toThrow(RangeError);
    expect(() => citizenIdCheckChar('A4182719731218891')).toThrow(RangeError);
  });

  it('maps each MOD 11-2 remainder to its check character: (12 − Σ mod 11) mod 11, 10 → X', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const seen = new Set<string>();
    for (let seq = 0; seen.size < 11 && seq < 1000; seq++) {
      const first17 = `1101051990010${String(seq).padStart(3, '0')}1`;
      const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
      const value = (12 - (sum % 11)) % 11;
      const expected = value === 10 ? 'X' : String(value);
      expect(citizenIdCheckChar(first17)).toBe(expected);
      seen.add(expected);
    }
    expect(seen.size).toBe(11);
  });

  it('takes birth years from 1900 on: 1900-01-01 passes, 1899-12-31 does not', () => {
    expect(check(withCheck('11010519000101002')).ok).toBe(true);
    expect(check(withCheck('11010518991231002'))).toMatchObject({ reason: 'INVALID_BIRTH_DATE' });
  });

  it('has no month or day 00 (nor month 13, nor day 32)', () => {
    for (const date of ['19900001', '19900100', '19901301', '19900132']) {
      expect(check(withCheck(`110105${date}002`))).toMatchObject({ ok: false, reason: 'INVALID_BIRTH_DATE' });
      expect(citizenIdBirthDate(withCheck(`110105${date}002`))).toBeUndefined();
    }
  });

  it('reads the birth date only from eight digits', () => {
    expect(citizenIdBirthDate('110105+9491231002X')).toBeUndefined();
    expect(citizenIdBirthDate('110105-9491231002X')).toBeUndefined();
  });

  it('accepts the 台湾居民居住证 prefix 83 besides the GB/T 2260 provinces, and no other prefix', () => {
    expect(check(withCheck('83000019900101002'))).toMatchObject({ ok: true });
    for (const prefix of ['71', '81', '82']) expect(check(withCheck(`${prefix}000019900101002`)).ok).toBe(true);
    for (const prefix of ['84', '80', '10', '99']) {
      expect(check(withCheck(`${prefix}000019900101002`))).toMatchObject({ ok: false, reason: 'INVALID_AREA' });
    }
  });

  it('labels the sexes 男 and 女', () => {
    expect(citizenSexLabels).toEqual({ MALE: '男', FEMALE: '女' });
  });
});
