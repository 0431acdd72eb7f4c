/**
 * 组织机构代码 (GB 11714-1997): 8 body characters plus a MOD 11 check
 * character. It is embedded at positions 9–17 of a unified social credit code,
 * which is why the credit-code validator uses it to judge pilot-era codes.
 */

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
/** A body character's value is its index: digits 0–9, letters A–Z as 10–35. */
const CHAR_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * GB 11714 check character for 8 body characters (digits or upper-case
 * letters): C = 11 − (Σ mod 11), with 10 → X and 11 → 0. Throws on bad input.
 */
export function organizationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('organizationCodeCheckChar expects 8 characters 0-9A-Z');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += CHAR_VALUES.indexOf(body8.charAt(i)) * weight;
  });
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  return check === 11 ? '0' : String(check);
}

/** True when a 9-character organisation code carries a correct check character. */
export function isValidOrganizationCode(code9: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code9)) return false;
  return organizationCodeCheckChar(code9.slice(0, 8)) === code9.charAt(8);
}
