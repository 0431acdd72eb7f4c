/**
 * The token digits from whatever a verifier has: the QR's URL (…/v/<digits>), the verify page's
 * URL (…?t=<digits>), or the digits alone, pasted or typed (spaces and dashes allowed). Null when
 * there are none. The same rule as the codec's qrTextToToken, without loading the codec: the
 * portal's verify page only sends the digits to the service.
 */
export function tokenDigits(text: string): string | null {
  const trimmed = text.trim();
  const query = /[?&]t=(\d+)/.exec(trimmed);
  if (query?.[1]) return query[1];
  const at = trimmed.lastIndexOf('/v/');
  const tail = (at >= 0 ? trimmed.slice(at + 3) : trimmed).replace(/[?#].*$/, '').replace(/[\s-]+/g, '');
  return /^\d+$/.test(tail) ? tail : null;
}
