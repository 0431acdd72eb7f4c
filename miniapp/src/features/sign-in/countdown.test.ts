import { describe, expect, it } from 'vitest';
import { deadlineAfter, secondsLeft, sendButtonLabel } from './countdown';

const T0 = 1_700_000_000_000;

describe('resend countdown', () => {
  it('counts whole seconds down from the wait the server gave (resendAfterSeconds)', () => {
    const deadline = deadlineAfter(60, T0);
    expect(secondsLeft(deadline, T0)).toBe(60);
    expect(secondsLeft(deadline, T0 + 1)).toBe(60); // rounds up: never shows 0 while still waiting
    expect(secondsLeft(deadline, T0 + 1_000)).toBe(59);
    expect(secondsLeft(deadline, T0 + 59_001)).toBe(1);
    expect(secondsLeft(deadline, T0 + 60_000)).toBe(0);
  });

  it('follows the clock, not the number of ticks, so a throttled timer does not drift', () => {
    const deadline = deadlineAfter(60, T0);
    expect(secondsLeft(deadline, T0 + 45_500)).toBe(15);
    expect(secondsLeft(deadline, T0 + 600_000)).toBe(0);
  });

  it('has no countdown when not started or when the server allows an immediate resend', () => {
    expect(secondsLeft(null, T0)).toBe(0);
    expect(deadlineAfter(0, T0)).toBeNull();
    expect(deadlineAfter(-5, T0)).toBeNull();
  });

  it('labels the send button: first send, waiting, resend', () => {
    expect(sendButtonLabel(0, false)).toBe('获取验证码');
    expect(sendButtonLabel(42, true)).toBe('42秒后重发');
    expect(sendButtonLabel(0, true)).toBe('重新获取');
  });

  it('shows a long wait (lock, hourly or daily limit) in minutes or hours, rounded up', () => {
    expect(sendButtonLabel(120, true)).toBe('120秒后重发');
    expect(sendButtonLabel(121, true)).toBe('3分钟后重发');
    expect(sendButtonLabel(900, true)).toBe('15分钟后重发');
    expect(sendButtonLabel(3600, true)).toBe('1小时后重发');
    expect(sendButtonLabel(20 * 3600 + 1, true)).toBe('21小时后重发');
  });
});
