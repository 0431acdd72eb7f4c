import type { PresentationToken } from '@roadcert/shared';

/**
 * The rotation schedule of a batch of pre-signed tokens, as pure functions of the clock: the
 * screen re-renders every second and asks which token to show now and when it changes, so a
 * throttled timer (background, slow phone) never shows a stale QR for long.
 */

/** A token with its window as epoch milliseconds (parsed once, compared every second). */
export interface TimedToken {
  qrText: string;
  notBefore: number;
  notAfter: number;
}

/** Parses the batch's ISO windows, drops malformed or empty windows, orders by start. */
export function toTimedTokens(tokens: readonly PresentationToken[]): TimedToken[] {
  return tokens
    .map((token) => ({
      qrText: token.qrText,
      notBefore: Date.parse(token.notBefore),
      notAfter: Date.parse(token.notAfter),
    }))
    .filter(
      (token) =>
        Number.isFinite(token.notBefore) && Number.isFinite(token.notAfter) && token.notAfter > token.notBefore,
    )
    .sort((a, b) => a.notBefore - b.notBefore);
}

/**
 * The token to show at `now`: of those whose window holds `now`, the one that started last (the
 * freshest, when windows overlap). Null when none does (batch used up, or the clock is off).
 */
export function currentToken(tokens: readonly TimedToken[], now: number): TimedToken | null {
  let best: TimedToken | null = null;
  for (const token of tokens) {
    if (token.notBefore > now) break;
    if (now < token.notAfter && (best === null || token.notBefore >= best.notBefore)) best = token;
  }
  return best;
}

/**
 * When the QR on screen changes: the next token's start if it comes before the current one
 * ends, else the current one's end. Null when nothing is showing.
 */
export function nextChangeAt(tokens: readonly TimedToken[], now: number): number | null {
  const current = currentToken(tokens, now);
  if (!current) return null;
  const next = tokens.find((token) => token.notBefore > now);
  return next && next.notBefore < current.notAfter ? next.notBefore : current.notAfter;
}

/** Whole seconds until the QR changes (rounded up, so it never reads 0 while still showing). */
export function secondsUntilChange(tokens: readonly TimedToken[], now: number): number | null {
  const at = nextChangeAt(tokens, now);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The end of the last window: until then the screen can show a QR without the network. */
export function coverageEnd(tokens: readonly TimedToken[]): number | null {
  let end: number | null = null;
  for (const token of tokens) if (end === null || token.notAfter > end) end = token.notAfter;
  return end;
}

/** Only the tokens still usable at `now` (kept on the device; the rest are dead weight). */
export function unexpired(tokens: readonly TimedToken[], now: number): TimedToken[] {
  return tokens.filter((token) => token.notAfter > now);
}
