import { describe, expect, it } from 'vitest';
import { createRateLimiter, waitText } from './rate-limit';

describe('sliding-window rate limiter', () => {
  it('admits up to the limit per window, then says how long until the oldest hit leaves it', () => {
    const limiter = createRateLimiter([{ limit: 3, windowMs: 60_000 }]);
    const t0 = 1_000_000;
    expect([0, 1_000, 2_000].map((d) => limiter.take('ip', undefined, t0 + d).ok)).toEqual([true, true, true]);
    expect(limiter.take('ip', undefined, t0 + 10_000)).toEqual({ ok: false, retryAfterSeconds: 50 });
    expect(limiter.take('other', undefined, t0 + 10_000).ok).toBe(true);
    expect(limiter.take('ip', undefined, t0 + 60_001).ok).toBe(true);
  });

  it('refused attempts do not count; the strictest of several windows decides', () => {
    const limiter = createRateLimiter([
      { limit: 2, windowMs: 1_000 },
      { limit: 3, windowMs: 10_000 },
    ]);
    expect(limiter.take('k', undefined, 0).ok).toBe(true);
    expect(limiter.take('k', undefined, 1).ok).toBe(true);
    expect(limiter.take('k', undefined, 2).ok).toBe(false);
    expect(limiter.take('k', undefined, 1_500).ok).toBe(true);
    expect(limiter.take('k', undefined, 2_500)).toEqual({ ok: false, retryAfterSeconds: 8 });
  });

  it('takes per-call limits (a partner’s own rate)', () => {
    const limiter = createRateLimiter([{ limit: 600, windowMs: 60_000 }]);
    expect(limiter.take('p', [{ limit: 1, windowMs: 60_000 }], 0).ok).toBe(true);
    expect(limiter.take('p', [{ limit: 1, windowMs: 60_000 }], 1).ok).toBe(false);
  });

  it('words a wait in Chinese', () => {
    expect([waitText(5), waitText(61), waitText(3_601)]).toEqual(['5秒', '2分钟', '2小时']);
  });
});
