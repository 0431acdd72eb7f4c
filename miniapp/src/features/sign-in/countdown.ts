/**
 * Resend countdown for SMS codes, as pure functions of a deadline and the clock: the hook only
 * re-renders once a second, so a throttled timer (background tab, slow phone) never drifts.
 */

/** Whole seconds left until `deadline` (epoch ms), rounded up; 0 when passed or not running. */
export function secondsLeft(deadline: number | null, now: number): number {
  if (deadline === null) return 0;
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** The deadline for a wait of `seconds` starting `now`; a non-positive wait means no countdown. */
export function deadlineAfter(seconds: number, now: number): number | null {
  return seconds > 0 ? now + seconds * 1000 : null;
}

/**
 * Text of the send button: first time, waiting, and again. Long waits (a lock, the hourly or
 * daily limit) are shown in whole minutes or hours, rounded up.
 */
export function sendButtonLabel(remaining: number, sentBefore: boolean): string {
  if (remaining >= 3600) return `${Math.ceil(remaining / 3600)}小时后重发`;
  if (remaining > 120) return `${Math.ceil(remaining / 60)}分钟后重发`;
  if (remaining > 0) return `${remaining}秒后重发`;
  return sentBefore ? '重新获取' : '获取验证码';
}
