import { describe, expect, it } from 'vitest';
import { parseAt, runRemindersCommand } from './admin-reminders';

const usageError = (m: string) => new Error(m);
const now = () => new Date('2026-12-03T02:00:00Z');

describe('npm run admin -- reminders:run [--at]', () => {
  it('reads --at as an ISO instant, a bare date as 10:00 China time, nothing as now; refuses anything else', () => {
    expect(parseAt('2032-05-03T02:00:00.000Z', now, usageError).toISOString()).toBe('2032-05-03T02:00:00.000Z');
    expect(parseAt('2032-05-03', now, usageError).toISOString()).toBe('2032-05-03T02:00:00.000Z');
    expect(parseAt(undefined, now, usageError)).toEqual(now());
    expect(() => parseAt('tomorrow', now, usageError)).toThrow(/--at/);
  });

  it('runs the scheduler, then the sender, on that clock', async () => {
    const calls: string[] = [];
    const out: string[] = [];
    const code = await runRemindersCommand(
      { at: '2032-05-03' },
      {
        reminders: {
          scheduler: {
            run: async (at) => {
              calls.push(`schedule ${at.toISOString()}`);
              return { today: '2032-05-03', reminders: 1, sms: 1, wechat: 0 };
            },
          },
          sender: {
            run: async (at) => {
              calls.push(`send ${at.toISOString()}`);
              return { sent: 1 };
            },
          },
        },
        out: (line) => out.push(line),
        now,
        usageError,
      },
    );
    expect(code).toBe(0);
    expect(calls).toEqual(['schedule 2032-05-03T02:00:00.000Z', 'send 2032-05-03T02:00:00.000Z']);
    expect(out[0]).toBe('提醒调度 2032-05-03：新增提醒 1 条（短信 1，微信 0）');
  });
});
