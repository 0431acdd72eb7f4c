/**
 * Input clean-up shared by the code validators. People paste numbers from
 * Chinese IMEs and scanned documents, so full-width letters/digits and stray
 * spaces are common. We map full-width ASCII explicitly instead of relying on
 * `String.prototype.normalize('NFKC')`, whose availability and ICU data vary
 * across mini-program JS engines.
 */

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
/** Offset between a full-width form (U+FF01…U+FF5E) and its ASCII twin. */
const FULL_WIDTH_OFFSET = 0xfee0;
/** ASCII and ideographic spaces, tabs and line breaks. */
const WHITESPACE = /[\s\u3000]/g;

/** Converts full-width ASCII (ＡＢ１２) to half-width (AB12). */
export function toHalfWidth(input: string): string {
  return input.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET));
}

/** Half-width, no whitespace anywhere, upper case: the canonical form of an identifier. */
export function normaliseCode(input: string): string {
  return toHalfWidth(input).replace(WHITESPACE, '').toUpperCase();
}
