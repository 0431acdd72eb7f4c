/**
 * `npm run admin -- reminders:run [--at <ISO datetime | YYYY-MM-DD>]`: the reminder scheduler,
 * then the sender, once, on the clock `--at` gives (a bare date means 10:00 China time, outside
 * the quiet hours). With the embedded database, stop the service first (PGlite is one process's).
 */
export const REMINDERS_USAGE = `  npm run admin -- reminders:run [--at <ISO 时间或 YYYY-MM-DD>]   运行一次提醒调度与发送（可指定时钟）`;

export type RemindersCommandDeps = {
  reminders?: {
    scheduler: { run(now: Date): Promise<{ today: string; reminders: number; sms: number; wechat: number }> };
    sender: { run(now: Date): Promise<Record<string, number>> };
  };
  out: (line: string) => void;
  now: () => Date;
  usageError: (message: string) => Error;
};

export function parseAt(at: string | undefined, now: () => Date, usageError: (m: string) => Error): Date {
  if (at === undefined) return now();
  const value = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T10:00:00+08:00` : at;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(at))
    throw usageError('--at 须为 ISO 时间（如 2027-03-01T10:00:00+08:00）或日期 YYYY-MM-DD');
  return date;
}

export async function runRemindersCommand(values: { at?: string }, deps: RemindersCommandDeps): Promise<number> {
  if (!deps.reminders) throw deps.usageError('reminders:run 未接入');
  const at = parseAt(values.at, deps.now, deps.usageError);
  const scheduled = await deps.reminders.scheduler.run(at);
  deps.out(
    `提醒调度 ${scheduled.today}：新增提醒 ${scheduled.reminders} 条（短信 ${scheduled.sms}，微信 ${scheduled.wechat}）`,
  );
  const sent = await deps.reminders.sender.run(at);
  deps.out(`发送：${JSON.stringify(sent)}`);
  return 0;
}
