import { normaliseCode } from './normalise';
import { isValidOrganizationCode } from './organization-code';
import { fail, ok, type ValidationResult } from './result';

/**
 * 统一社会信用代码 (GB 32100-2015), domain.md §8: 18 characters from a
 * 31-character alphabet (no I, O, Z, S, V); the last is a check character.
 */

/** The code alphabet; a character's index is its numeric value. */
export const SOCIAL_CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^i mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const MODULUS = 31;
const BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;
/** Any character outside the alphabet (the length is checked first). */
const FOREIGN_CHAR = /[^0-9A-HJ-NPQRTUWXY]/;

/**
 * Codes from the pre-2015 pilot areas that are legally issued but fail the
 * check character (domain.md §8, "Caveat": warn rather than reject). Add to
 * this list, or pass `knownLegalCodes`, when more come to light.
 */
export const pilotCreditCodeAllowlist: ReadonlySet<string> = new Set(['91350100M0001TGQXM', '91350211M0000XUF46']);

// Stryker disable next-line StringLiteral: message text
const PILOT_WARNING = '该统一社会信用代码校验位不符合GB 32100，属于试点期间已合法赋码的代码，请核对营业执照';

export type SocialCreditCodeReason = 'EMPTY' | 'INVALID_LENGTH' | 'INVALID_CHARACTER' | 'CHECK_CHAR_MISMATCH';

/** Options for {@link validateSocialCreditCode}. */
export interface SocialCreditCodeOptions {
  /** Extra codes known to be legal despite failing the check (e.g. from configuration). */
  knownLegalCodes?: Iterable<string>;
  /**
   * Opt-in rule for pilot codes not on any list. Both known pilot codes are
   * from Fujian (prefix 35), registered by 工商 (position 1 = 9) and embed a
   * GB 11714 organisation code that passes its own check. Accepting every such
   * code with a warning is inferred from those two examples only and lets a
   * mistyped last character through as a warning, hence off by default.
   */
  lenientPilotRule?: boolean;
}

/**
 * GB 32100 check character for the first 17 characters, so seed data can
 * generate valid codes: c = 31 − (Σ mod 31), with 31 → 0. Throws on bad input.
 */
export function socialCreditCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError('socialCreditCheckChar expects 17 characters of the GB 32100 alphabet');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += SOCIAL_CREDIT_ALPHABET.indexOf(first17.charAt(i)) * weight;
  });
  return SOCIAL_CREDIT_ALPHABET.charAt((MODULUS - (sum % MODULUS)) % MODULUS);
}

/**
 * Validates a unified social credit code. Spaces, full-width and lower-case
 * characters are normalised, so `value` is the canonical form. Known pilot
 * codes pass with a warning.
 */
export function validateSocialCreditCode(
  input: string,
  options: SocialCreditCodeOptions = {},
): ValidationResult<string, SocialCreditCodeReason> {
  const code = normaliseCode(input);
  if (code === '') return fail('EMPTY', '请输入统一社会信用代码');
  if (code.length !== 18) return fail('INVALID_LENGTH', '统一社会信用代码应为18位');
  if (FOREIGN_CHAR.test(code)) {
    return fail('INVALID_CHARACTER', '统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）');
  }
  if (socialCreditCheckChar(code.slice(0, 17)) === code.charAt(17)) return ok(code);
  if (isKnownPilotCode(code, options)) return ok(code, [PILOT_WARNING]);
  return fail('CHECK_CHAR_MISMATCH', '统一社会信用代码校验位不正确，请核对后重新输入');
}

function isKnownPilotCode(code: string, options: SocialCreditCodeOptions): boolean {
  if (pilotCreditCodeAllowlist.has(code)) return true;
  for (const known of options.knownLegalCodes ?? []) {
    if (normaliseCode(known) === code) return true;
  }
  return options.lenientPilotRule === true && matchesPilotPattern(code);
}

function matchesPilotPattern(code: string): boolean {
  return code.startsWith('9') && code.slice(2, 4) === '35' && isValidOrganizationCode(code.slice(8, 17));
}
