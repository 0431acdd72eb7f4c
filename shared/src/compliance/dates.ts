import type { IsoDate } from '../validators/dates';

/** Calendar arithmetic on ISO days, in UTC so no local time zone can shift a day. */

/** `YYYY-MM-DD` of a `Date` or a string: what the rules take. Prisma `@db.Date` values are UTC midnight. */
export function toIsoDate(value: Date | string | null | undefined): IsoDate | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > 10 && value.charAt(10) === 'T' ? value.slice(0, 10) : value;
  return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
}

/** The ISO day `days` after `day` (a valid ISO date). */
export function addDays(day: IsoDate, days: number): IsoDate {
  const utc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

/**
 * The same day `years` later, as a string for comparison only: 29 February stays
 * '…-02-29', which still sorts between 28 February and 1 March of a common year.
 */
export function sameDayYearsLater(day: IsoDate, years: number): string {
  return String(Number(day.slice(0, 4)) + years) + day.slice(4);
}
