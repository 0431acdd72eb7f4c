import { chinaToday } from '@roadcert/shared';

/** The ISO day `days` after `day` (UTC arithmetic, no time zone can shift it). */
export function addDays(day: string, days: number): string {
  const utc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

/** Quiet hours in China time (Asia/Shanghai, UTC+8 all year): `from`–`to` in whole hours. */
export type QuietHours = { from: number; to: number };

const CHINA_OFFSET_MS = 8 * 3600_000;
const chinaHour = (now: Date) => new Date(now.getTime() + CHINA_OFFSET_MS).getUTCHours();

/** `hour`:00 China time on a China day (ISO). */
export const chinaTime = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** Whether `now` lies in the quiet hours (which may span midnight, as 21–8 does). */
export function isQuiet(now: Date, quiet: QuietHours): boolean {
  const h = chinaHour(now);
  return quiet.from > quiet.to ? h >= quiet.from || h < quiet.to : h >= quiet.from && h < quiet.to;
}

/** The end of the quiet hours that `now` lies in (the next `to`:00 China time). */
export function quietEnd(now: Date, quiet: QuietHours): Date {
  const today = chinaToday(now);
  const end = chinaTime(today, quiet.to);
  return end > now ? end : chinaTime(addDays(today, 1), quiet.to);
}

/** The next China morning (tomorrow at the end of the quiet hours): where a capped message waits. */
export const nextMorning = (now: Date, quiet: QuietHours) => chinaTime(addDays(chinaToday(now), 1), quiet.to);

/** [start, end) of `now`'s China day. */
export function chinaDayRange(now: Date): [Date, Date] {
  const start = chinaTime(chinaToday(now), 0);
  return [start, new Date(start.getTime() + 86_400_000)];
}

/** yyyyMMdd of a moment's China day (Alibaba Cloud SendDate). */
export const chinaSendDate = (at: Date) => chinaToday(at).replace(/-/g, '');
