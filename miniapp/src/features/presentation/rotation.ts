import type { PresentationInterval } from '@roadcert/shared';
import { heldQrAt } from '@roadcert/shared/presentation/chain';

/**
 * The rotation schedule of the holder's material (token version 2), as pure functions of the
 * clock: the screen re-renders every second and asks which QR to show now and when it changes,
 * so a throttled timer (background, slow phone) never shows a stale QR for long. Each window's
 * token is derived on the phone from the interval's signed anchor and seed
 * (docs/presentation-token.md): no network, no signature.
 */

/** An interval of the material with its bounds as epoch milliseconds (parsed once). */
export interface HeldIntervalRow {
  start: number;
  end: number;
  /** base64url(anchor body ‖ signature). */
  anchor: string;
  /** base64url(16-byte chain seed). */
  seed: string;
}

/** The QR on screen and its window (epoch ms). */
export interface TimedToken {
  qrText: string;
  notBefore: number;
  notAfter: number;
}

/** Parses the material's ISO bounds, drops malformed or empty intervals, orders by start. */
export function toHeldIntervals(intervals: readonly PresentationInterval[]): HeldIntervalRow[] {
  return intervals
    .map((interval) => ({
      start: Date.parse(interval.start),
      end: Date.parse(interval.end),
      anchor: interval.anchor,
      seed: interval.seed,
    }))
    .filter(
      (interval) => Number.isFinite(interval.start) && Number.isFinite(interval.end) && interval.end > interval.start,
    )
    .sort((a, b) => a.start - b.start);
}

/** The last derived QR: the screen asks every second, the QR changes once a window. */
let last: { anchor: string; notBefore: number; notAfter: number; token: TimedToken } | null = null;

/**
 * The QR to show at `now`, derived from the interval that holds it; null when none does
 * (material used up, or the clock is off).
 */
export function currentToken(qrBaseUrl: string, intervals: readonly HeldIntervalRow[], now: number): TimedToken | null {
  const interval = intervals.find((candidate) => candidate.start <= now && now < candidate.end);
  if (!interval) return null;
  if (last && last.anchor === interval.anchor && last.notBefore <= now && now < last.notAfter) return last.token;
  const held = heldQrAt({ qrBaseUrl, intervals: [interval] }, now);
  if (!held) return null;
  last = { anchor: interval.anchor, notBefore: held.notBefore, notAfter: held.notAfter, token: held };
  return held;
}

/** Whole seconds until the QR changes (rounded up, so it never reads 0 while still showing). */
export function secondsUntilChange(token: TimedToken, now: number): number {
  return Math.max(0, Math.ceil((token.notAfter - now) / 1000));
}

/** The end of the last interval: until then the screen can show a QR without the network. */
export function coverageEnd(intervals: readonly HeldIntervalRow[]): number | null {
  let end: number | null = null;
  for (const interval of intervals) if (end === null || interval.end > end) end = interval.end;
  return end;
}

/** Only the intervals still usable at `now` (kept on the device; the rest are dead weight). */
export function unexpired(intervals: readonly HeldIntervalRow[], now: number): HeldIntervalRow[] {
  return intervals.filter((interval) => interval.end > now);
}
