import { describe, expect, it } from 'vitest';
import { citizenIdBirthDate, citizenIdCheckChar, citizenIdSex, validateCitizenId } from './citizen-id';

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
