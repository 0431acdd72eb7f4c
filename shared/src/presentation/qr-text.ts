import { bytesToDigits, digitsToBytes } from './digits';
import { TokenFormatError } from './token';
import { encodeUtf8 } from './utf8';

/**
 * The QR holds a URL on the service's domain, so any phone camera opens the portal's
 * verify page: `${PUBLIC_BASE_URL}/v/<token as decimal digits>`. Encoders put the prefix
 * in a byte-mode segment and the digits in a numeric-mode segment (tokenQrSegments).
 */
export const VERIFY_PATH_PREFIX = '/v/';

export function tokenToQrText(baseUrl: string, bytes: Uint8Array): string {
  return `${baseUrl.replace(/\/+$/, '')}${VERIFY_PATH_PREFIX}${bytesToDigits(bytes)}`;
}

/** The two QR segments for `qrcode`-style encoders: byte mode for the URL, numeric for the digits. */
export function tokenQrSegments(
  qrText: string,
): [{ data: Uint8Array; mode: 'byte' }, { data: string; mode: 'numeric' }] {
  const at = qrText.lastIndexOf(VERIFY_PATH_PREFIX) + VERIFY_PATH_PREFIX.length;
  return [
    { data: encodeUtf8(qrText.slice(0, at)), mode: 'byte' },
    { data: qrText.slice(at), mode: 'numeric' },
  ];
}

/**
 * Token bytes from whatever a scanner or a link gives: the whole URL (…/v/<digits>,
 * optionally with a query or fragment), the path, or the bare digits. Throws
 * TokenFormatError('NOT_DIGITS') for anything else. The host is not checked here:
 * the signature decides, and a foreign host's token fails on the key list.
 */
export function qrTextToToken(text: string): Uint8Array {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf(VERIFY_PATH_PREFIX);
  const digits = (at >= 0 ? trimmed.slice(at + VERIFY_PATH_PREFIX.length) : trimmed).split(/[?#]/)[0]!;
  if (digits.length === 0) throw new TokenFormatError('EMPTY', 'no digits');
  const bytes = digitsToBytes(digits);
  if (!bytes) throw new TokenFormatError('NOT_DIGITS', 'not a token digit string');
  return bytes;
}
