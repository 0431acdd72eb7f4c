/**
 * Bytes ↔ decimal digits, so the QR can use numeric mode (3.33 bits per character
 * instead of 8 in byte mode). Every 7 bytes become 17 digits (2^56 < 10^17); a last
 * group of k < 7 bytes becomes the fewest digits that can hold 2^(8k) − 1.
 * The digit count alone tells the byte count, and no group may exceed its byte range,
 * so every byte string has exactly one digit string and vice versa.
 */
const GROUP_BYTES = 7;
const GROUP_DIGITS = 17;
/** Digits for a last group of 0..6 bytes. */
const TAIL_DIGITS = [0, 3, 5, 8, 10, 13, 15] as const;

export function bytesToDigits(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += GROUP_BYTES) {
    const group = bytes.subarray(i, i + GROUP_BYTES);
    let value = 0n;
    for (const b of group) value = (value << 8n) | BigInt(b);
    const width = group.length === GROUP_BYTES ? GROUP_DIGITS : TAIL_DIGITS[group.length]!;
    out += value.toString(10).padStart(width, '0');
  }
  return out;
}

/** The value of digits[from, to) (at most 9 digits, so exact in a double); NaN if a character is not 0–9. */
function decimal(digits: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * null when the text is not a digit string this encoding can produce. Runs on every online
 * verification, so without BigInt: a group of up to 17 digits is hi·10⁸ + lo (hi < 10⁹,
 * lo < 10⁸) and its bytes come out by long division by 256, least significant first; the
 * group is in range when nothing is left after its bytes.
 */
export function digitsToBytes(digits: string): Uint8Array | null {
  const fullGroups = Math.floor(digits.length / GROUP_DIGITS);
  const tailBytes = TAIL_DIGITS.indexOf((digits.length % GROUP_DIGITS) as (typeof TAIL_DIGITS)[number]);
  if (tailBytes < 0) return null;
  const out = new Uint8Array(fullGroups * GROUP_BYTES + tailBytes);
  let pos = 0;
  for (let d = 0; d < digits.length;) {
    const n = out.length - pos >= GROUP_BYTES ? GROUP_BYTES : tailBytes;
    const width = n === GROUP_BYTES ? GROUP_DIGITS : TAIL_DIGITS[n]!;
    const split = Math.max(d, d + width - 8);
    let hi = decimal(digits, d, split);
    let lo = decimal(digits, split, d + width);
    for (let k = n - 1; k >= 0; k--) {
      const r = (hi % 256) * 1e8 + lo;
      out[pos + k] = r % 256;
      hi = Math.floor(hi / 256);
      lo = Math.floor(r / 256);
    }
    // hi < 10^9 always ends at 0 (hi / 256^n < 1 for every group width), so what is left of
    // the group is in lo; a non-digit made everything NaN, which is not 0 either.
    if (lo !== 0) return null;
    pos += n;
    d += width;
  }
  return out;
}
