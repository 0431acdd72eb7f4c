import { isAreaProvincePrefix } from './area-code';
import { chinaToday, isRealDate, type IsoDate } from './dates';
import { normaliseCode } from './normalise';
import { fail, ok, type ValidationResult } from './result';

/**
 * 公民身份号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit
 * sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
 * See domain.md §8.
 */

/** MOD 11-2 weights for positions 1–17 (2^(18-i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check characters indexed by (Σ mod 11). */
const CHECK_CHARS = '10X98765432';
/**
 * Besides GB/T 2260 provinces, 83 is used by 台湾居民居住证, whose numbers
 * follow the same layout and appear as holder IDs.
 */
const EXTRA_ID_PREFIXES = new Set(['83']);
/** Nobody born before this is a working driver; catches 18xx typos. */
const EARLIEST_BIRTH_YEAR = 1900;

export type CitizenIdReason =
  | 'EMPTY'
  | 'LEGACY_15_DIGIT'
  | 'INVALID_FORMAT'
  | 'INVALID_AREA'
  | 'INVALID_BIRTH_DATE'
  | 'FUTURE_BIRTH_DATE'
  | 'CHECK_CHAR_MISMATCH';

/** Sex encoded by the sequence digit (position 17). */
export type CitizenSex = 'MALE' | 'FEMALE';

/** Options for {@link validateCitizenId}. */
export interface CitizenIdOptions {
  /** The day to compare the birth date against; defaults to today in China. */
  today?: IsoDate;
}

/**
 * MOD 11-2 check character for the first 17 digits of an ID, so seed data
 * can generate valid numbers. Throws on anything but 17 digits.
 */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('citizenIdCheckChar expects 17 digits');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17[i]) * weight;
  });
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Validates an 18-character ID number. Lower-case x, full-width characters and
 * spaces are accepted and normalised, so `value` is the canonical form.
 */
export function validateCitizenId(
  input: string,
  options: CitizenIdOptions = {},
): ValidationResult<string, CitizenIdReason> {
  const id = normaliseCode(input);
  if (id === '') return fail('EMPTY', '请输入身份证号码');
  if (/^\d{15}$/.test(id)) return fail('LEGACY_15_DIGIT', '15位旧身份证号码已停用，请输入18位身份证号码');
  if (!/^\d{17}[\dX]$/.test(id)) return fail('INVALID_FORMAT', '身份证号码应为18位，前17位为数字，末位为数字或X');
  const prefix = id.slice(0, 2);
  if (!isAreaProvincePrefix(prefix) && !EXTRA_ID_PREFIXES.has(prefix)) {
    return fail('INVALID_AREA', '身份证号码前6位地址码不正确');
  }
  const birth = citizenIdBirthDate(id);
  if (birth === undefined || Number(birth.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
    return fail('INVALID_BIRTH_DATE', '身份证号码中的出生日期不正确');
  }
  if (birth > (options.today ?? chinaToday())) return fail('FUTURE_BIRTH_DATE', '身份证号码中的出生日期晚于今天');
  if (citizenIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) {
    return fail('CHECK_CHAR_MISMATCH', '身份证号码校验位不正确，请核对后重新输入');
  }
  return ok(id);
}

/**
 * Birth date (`YYYY-MM-DD`) encoded in an 18-character ID, or undefined when
 * positions 7–14 are not a real calendar day. Does not check anything else.
 */
export function citizenIdBirthDate(id: string): IsoDate | undefined {
  const digits = normaliseCode(id).slice(6, 14); // at most 8 characters
  if (!/\d{8}/.test(digits)) return undefined;
  const [y, m, d] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)];
  return isRealDate(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : undefined;
}

/** Sex from the sequence digit (odd = male), or undefined for a malformed ID. */
export function citizenIdSex(id: string): CitizenSex | undefined {
  const digit = normaliseCode(id).charAt(16);
  if (!/\d/.test(digit)) return undefined; // one character or none
  return Number(digit) % 2 === 1 ? 'MALE' : 'FEMALE';
}

/** Chinese labels for {@link CitizenSex}. */
export const citizenSexLabels: Record<CitizenSex, string> = { MALE: '男', FEMALE: '女' };
