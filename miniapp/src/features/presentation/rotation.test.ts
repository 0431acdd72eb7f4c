import { decodeToken, qrTextToToken } from '@roadcert/shared/presentation';
import { describe, expect, it } from 'vitest';
import { heldIntervals } from '../../test/presentation-material';
import {
  fetchReason,
  MIN_REFETCH_MS,
  REFILL_BELOW_MS,
  REFRESH_AFTER_MS,
  RETRY_AFTER_MS,
  shouldFetch,
} from './batch-policy';
import { coverageEnd, currentToken, secondsUntilChange, toHeldIntervals, unexpired } from './rotation';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const BASE = 'https://x.example';
const minuteOf = (qrText: string | undefined) => decodeToken(qrTextToToken(qrText!)).interval?.minute;

describe('rotation: each window derived from the held material', () => {
  it('parses the material, drops malformed or empty intervals and orders by start', () => {
    const rows = toHeldIntervals([
      { start: iso(T0 + 120_000), end: iso(T0 + 240_000), anchor: 'b', seed: 's' },
      { start: iso(T0), end: iso(T0 + 120_000), anchor: 'a', seed: 's' },
      { start: 'yesterday', end: iso(T0), anchor: 'bad', seed: 's' },
      { start: iso(T0), end: iso(T0), anchor: 'empty', seed: 's' },
    ]);
    expect(rows.map((r) => r.anchor)).toEqual(['a', 'b']);
    expect(rows[0]).toEqual({ start: T0, end: T0 + 120_000, anchor: 'a', seed: 's' });
  });

  it('shows the token of the window that holds now, the next one from its first millisecond, across intervals', () => {
    const intervals = heldIntervals(T0, 2); // 2 × 4 windows of 30 s
    expect(currentToken(BASE, intervals, T0)).toMatchObject({ notBefore: T0, notAfter: T0 + 30_000 });
    expect(minuteOf(currentToken(BASE, intervals, T0 + 29_999)?.qrText)).toBe(0);
    expect(minuteOf(currentToken(BASE, intervals, T0 + 30_000)?.qrText)).toBe(1);
    expect(currentToken(BASE, intervals, T0 + 130_000)).toMatchObject({ notBefore: T0 + 120_000 });
    expect(minuteOf(currentToken(BASE, intervals, T0 + 130_000)?.qrText)).toBe(0);
    expect(currentToken(BASE, intervals, T0 + 240_000)).toBeNull(); // used up
    expect(currentToken(BASE, intervals, T0 - 1)).toBeNull(); // clock behind the material
    expect(currentToken(BASE, intervals, T0 + 45_000)?.qrText).toMatch(/^https:\/\/x\.example\/v\/\d+$/);
  });

  it('skips an interval whose anchor or seed is damaged', () => {
    const [good] = heldIntervals(T0, 1);
    expect(currentToken(BASE, [{ ...good!, seed: 'AAAA' }], T0)).toBeNull();
    expect(currentToken(BASE, [{ ...good!, anchor: '!!' }], T0)).toBeNull();
  });

  it('counts down in whole seconds to the change, never 0 while a token still shows', () => {
    const token = { qrText: 'q', notBefore: T0, notAfter: T0 + 30_000 };
    expect(secondsUntilChange(token, T0)).toBe(30);
    expect(secondsUntilChange(token, T0 + 29_001)).toBe(1);
    expect(secondsUntilChange(token, T0 + 45_500)).toBe(0);
  });

  it('knows until when the device can show a QR, and forgets what has expired', () => {
    const intervals = heldIntervals(T0, 3);
    expect(coverageEnd(intervals)).toBe(T0 + 360_000);
    expect(coverageEnd([])).toBeNull();
    expect(unexpired(intervals, T0 + 120_000)).toEqual(intervals.slice(1));
  });
});

/** Material covering [start, start + hours) as 2-hour intervals (schedule only, no crypto needed). */
function material(start: number, hours: number) {
  return Array.from({ length: Math.ceil(hours / 2) }, (_, i) => ({
    start: start + i * 7200_000,
    end: start + Math.min(hours, (i + 1) * 2) * 3600_000,
    anchor: 'a',
    seed: 's',
  }));
}

describe('offline material: when to fetch', () => {
  const day = material(T0, 24);

  it('fetches when nothing is kept or everything kept has expired', () => {
    expect(fetchReason(null, T0)).toBe('empty');
    expect(fetchReason({ fetchedAt: T0, intervals: [] }, T0)).toBe('empty');
    expect(fetchReason({ fetchedAt: T0, intervals: day }, T0 + 25 * 3600_000)).toBe('empty');
  });

  it('refills when less than half a day is left, keeps a fresh full day', () => {
    expect(fetchReason({ fetchedAt: T0, intervals: day }, T0 + 60_000)).toBeNull();
    // Offline for half a day, then the network comes back: refill.
    const lowAt = T0 + 24 * 3600_000 - REFILL_BELOW_MS + 1;
    expect(fetchReason({ fetchedAt: T0, intervals: day }, lowAt)).toBe('low');
    expect(fetchReason({ fetchedAt: T0, intervals: day }, lowAt - 2)).toBe('stale'); // (old, but not low yet)
  });

  it('fetches whenever the screen is opened (status and face current), but not in a loop afterwards', () => {
    expect(fetchReason({ fetchedAt: T0, intervals: day }, T0 + 1000, true)).toBe('opened');
    expect(fetchReason({ fetchedAt: T0, intervals: day }, T0 + 1000)).toBeNull();
  });

  it('refills shorter material than asked for at half its span, and never right after a fetch', () => {
    const hour = material(T0, 1); // the service gave 1 h
    expect(fetchReason({ fetchedAt: T0, intervals: hour }, T0 + 5 * 60_000)).toBeNull();
    expect(fetchReason({ fetchedAt: T0, intervals: hour }, T0 + 31 * 60_000)).toBe('low');
    const short = [{ start: T0, end: T0 + 60_000, anchor: 'a', seed: 's' }]; // a minute
    expect(fetchReason({ fetchedAt: T0, intervals: short }, T0 + MIN_REFETCH_MS - 1)).toBeNull();
    expect(fetchReason({ fetchedAt: T0, intervals: short }, T0 + 60_000)).toBe('empty');
  });

  it('fetches again when the material is old (status changes reach the screen) or from the future (clock changed)', () => {
    expect(fetchReason({ fetchedAt: T0, intervals: day }, T0 + REFRESH_AFTER_MS + 1)).toBe('stale');
    expect(fetchReason({ fetchedAt: T0 + 3600_000, intervals: day }, T0)).toBe('stale');
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
