/**
 * Calendar-date helpers on ISO `YYYY-MM-DD` strings. Dates in this domain are
 * calendar days, not instants, so we keep them as strings (which also compare
 * correctly with `<`) and never pass them through a local-time `Date`.
 */

/** A `YYYY-MM-DD` string. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** China has a single time zone without daylight saving: UTC+8. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** True when year/month/day name a real Gregorian calendar day. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this month.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}

/** True for a well-formed `YYYY-MM-DD` string naming a real day. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Today's calendar date in China. Certificates are issued and checked in
 * Beijing time even when the server clock runs in UTC.
 */
export function chinaToday(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Whole years elapsed from `from` to `to` (both valid ISO dates). A 29 February
 * start completes its year on 1 March in common years, which errs on the
 * strict side for "held at least N years" rules.
 */
export function completedYears(from: IsoDate, to: IsoDate): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}
