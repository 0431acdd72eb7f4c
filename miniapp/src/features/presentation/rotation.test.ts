import { describe, expect, it } from 'vitest';
import {
  fetchReason,
  MIN_REFETCH_MS,
  REFILL_BELOW_MS,
  REFRESH_AFTER_MS,
  RETRY_AFTER_MS,
  shouldFetch,
} from './batch-policy';
import {
  coverageEnd,
  currentToken,
  nextChangeAt,
  secondsUntilChange,
  toTimedTokens,
  unexpired,
  type TimedToken,
} from './rotation';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** `count` back-to-back windows of `seconds`, starting at `start`. */
function batch(start: number, count: number, seconds = 30): TimedToken[] {
  return Array.from({ length: count }, (_, i) => ({
    qrText: `t${i}`,
    notBefore: start + i * seconds * 1000,
    notAfter: start + (i + 1) * seconds * 1000,
  }));
}

describe('token rotation schedule', () => {
  it('parses the batch, drops malformed or empty windows and orders by start', () => {
    const tokens = toTimedTokens([
      { qrText: 'b', notBefore: iso(T0 + 30_000), notAfter: iso(T0 + 60_000) },
      { qrText: 'a', notBefore: iso(T0), notAfter: iso(T0 + 30_000) },
      { qrText: 'bad', notBefore: 'yesterday', notAfter: iso(T0) },
      { qrText: 'empty', notBefore: iso(T0), notAfter: iso(T0) },
    ]);
    expect(tokens.map((t) => t.qrText)).toEqual(['a', 'b']);
    expect(tokens[0]).toEqual({ qrText: 'a', notBefore: T0, notAfter: T0 + 30_000 });
  });

  it('shows the token whose window holds now, and the next one from its first millisecond', () => {
    const tokens = batch(T0, 3);
    expect(currentToken(tokens, T0)?.qrText).toBe('t0');
    expect(currentToken(tokens, T0 + 29_999)?.qrText).toBe('t0');
    expect(currentToken(tokens, T0 + 30_000)?.qrText).toBe('t1');
    expect(currentToken(tokens, T0 + 90_000)).toBeNull(); // used up
    expect(currentToken(tokens, T0 - 1)).toBeNull(); // clock behind the batch
  });

  it('prefers the freshest token when windows overlap, and changes when the next one starts', () => {
    const overlapping: TimedToken[] = [
      { qrText: 'old', notBefore: T0, notAfter: T0 + 60_000 },
      { qrText: 'new', notBefore: T0 + 30_000, notAfter: T0 + 90_000 },
    ];
    expect(currentToken(overlapping, T0 + 10_000)?.qrText).toBe('old');
    expect(nextChangeAt(overlapping, T0 + 10_000)).toBe(T0 + 30_000);
    expect(currentToken(overlapping, T0 + 45_000)?.qrText).toBe('new');
  });

  it('counts down in whole seconds to the change, never 0 while a token still shows', () => {
    const tokens = batch(T0, 2);
    expect(secondsUntilChange(tokens, T0)).toBe(30);
    expect(secondsUntilChange(tokens, T0 + 29_001)).toBe(1);
    expect(secondsUntilChange(tokens, T0 + 45_500)).toBe(15);
    expect(secondsUntilChange(tokens, T0 + 60_000)).toBeNull();
  });

  it('knows until when the device can show a QR, and forgets what has expired', () => {
    const tokens = batch(T0, 4);
    expect(coverageEnd(tokens)).toBe(T0 + 120_000);
    expect(coverageEnd([])).toBeNull();
    expect(unexpired(tokens, T0 + 60_000).map((t) => t.qrText)).toEqual(['t2', 't3']);
  });
});

describe('offline batch: when to fetch', () => {
  const day = batch(T0, 24 * 120); // 24 h of 30-s tokens

  it('fetches when nothing is kept or everything kept has expired', () => {
    expect(fetchReason(null, T0)).toBe('empty');
    expect(fetchReason({ fetchedAt: T0, tokens: [] }, T0)).toBe('empty');
    expect(fetchReason({ fetchedAt: T0, tokens: day }, T0 + 25 * 3600_000)).toBe('empty');
  });

  it('refills when less than half a day is left, keeps a fresh full batch', () => {
    expect(fetchReason({ fetchedAt: T0, tokens: day }, T0 + 60_000)).toBeNull();
    // Offline for half a day, then the network comes back: refill.
    const lowAt = T0 + 24 * 3600_000 - REFILL_BELOW_MS + 1;
    expect(fetchReason({ fetchedAt: T0, tokens: day }, lowAt)).toBe('low');
    expect(fetchReason({ fetchedAt: T0, tokens: day }, lowAt - 2)).toBe('stale'); // (old, but not low yet)
  });

  it('fetches whenever the screen is opened (status and face current), but not in a loop afterwards', () => {
    expect(fetchReason({ fetchedAt: T0, tokens: day }, T0 + 1000, true)).toBe('opened');
    expect(fetchReason({ fetchedAt: T0, tokens: day }, T0 + 1000)).toBeNull();
  });

  it('refills a shorter batch than asked for at half its span, and never right after a fetch', () => {
    const hour = batch(T0, 120); // the service gave 1 h
    expect(fetchReason({ fetchedAt: T0, tokens: hour }, T0 + 5 * 60_000)).toBeNull();
    expect(fetchReason({ fetchedAt: T0, tokens: hour }, T0 + 31 * 60_000)).toBe('low');
    const short = batch(T0, 2); // a minute
    expect(fetchReason({ fetchedAt: T0, tokens: short }, T0 + MIN_REFETCH_MS - 1)).toBeNull();
    expect(fetchReason({ fetchedAt: T0, tokens: short }, T0 + 60_000)).toBe('empty');
  });

  it('fetches again when the batch is old (status changes reach the screen) or from the future (clock changed)', () => {
    expect(fetchReason({ fetchedAt: T0, tokens: day }, T0 + REFRESH_AFTER_MS + 1)).toBe('stale');
    expect(fetchReason({ fetchedAt: T0 + 3600_000, tokens: day }, T0)).toBe('stale');
  });

  it('calls the service only online, one call at a time, and not again right after a failure', () => {
    const base = { reason: 'low' as const, online: true, inFlight: false, lastFailureAt: null, now: T0 };
    expect(shouldFetch(base)).toBe(true);
    expect(shouldFetch({ ...base, reason: null })).toBe(false);
    expect(shouldFetch({ ...base, online: false })).toBe(false);
    expect(shouldFetch({ ...base, inFlight: true })).toBe(false);
    expect(shouldFetch({ ...base, lastFailureAt: T0 - 1000 })).toBe(false);
    expect(shouldFetch({ ...base, lastFailureAt: T0 - RETRY_AFTER_MS })).toBe(true);
  });
});
