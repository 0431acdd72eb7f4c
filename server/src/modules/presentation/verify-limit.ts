import type { Config } from '../../config';
import { AppError } from '../../errors';
import { createBatchedRateLimiter, waitText, type RateLimitStore } from '../../lib/rate-limit';

export type VerifyLimitDeps = {
  config: Pick<Config, 'rateLimits'>;
  /** The shared counters (lib/rate-limit-store.ts): one limit across every process. */
  rateLimits: RateLimitStore;
};

/**
 * The address a limit counts: an IPv4 address as it is (with or without the ::ffff: form);
 * an IPv6 address by its /64, the block one subscriber gets, so rotating addresses inside it
 * does not multiply the limit.
 */
export function ipKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * POST /api/v1/verify per client IP (RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE, default 600 a
 * minute; 0: off), on the Koa route and the fast route alike, shared by every process within
 * one 200 ms flush (createBatchedRateLimiter). Generous on purpose: behind
 * carrier-grade NAT thousands of phones share one address, while one host flooding the
 * endpoint is held to 10 scans a second on average (docs/verification.md).
 */
export function createVerifyLimit(deps: VerifyLimitDeps): ((ip: string) => Promise<void>) | undefined {
  const perMinute = deps.config.rateLimits.verifyPerIpPerMinute;
  if (perMinute === 0) return undefined;
  // Batched: the hot path decides in memory and sends counts every 200 ms (lib/rate-limit.ts).
  const limiter = createBatchedRateLimiter(deps.rateLimits, 'verify-ip', { limit: perMinute, windowMs: 60_000 });
  return async (ip) => {
    const decision = await limiter.take(ipKey(ip));
    if (!decision.ok)
      throw new AppError('RATE_LIMITED', {
        message: `当前网络核验过于频繁，请${waitText(decision.retryAfterSeconds)}后再试`,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
  };
}
