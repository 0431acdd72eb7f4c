import type { Context } from 'koa';
import type { PartnerScope } from '@roadcert/shared';
import { AppError } from '../../errors';
import { createRateLimiter, waitText, type RateLimitStore } from '../../lib/rate-limit';
import { apiKeyPattern, hashApiKey } from './api-keys';
import type { PartnerRepo } from './partners.repo';

export type AuthenticatedPartner = { id: string; name: string; kind: string; scopes: string[] };

const MINUTE = 60_000;

/**
 * Partner API authentication: `Authorization: Bearer rk_…`. No header → 401
 * UNAUTHENTICATED; unknown, malformed or revoked key → 401 PARTNER_KEY_INVALID (one
 * answer, so a revoked key reveals nothing more); scope missing → 403
 * PARTNER_SCOPE_MISSING; over the partner's rateLimitPerMinute → 429 RATE_LIMITED with
 * retryAfterSeconds. The key row is read on every call so revocation takes effect at once.
 */
export function createPartnerAuth(partners: Pick<PartnerRepo, 'byKeyHash'>, rateLimits: RateLimitStore) {
  const limiter = createRateLimiter(rateLimits, 'partner', [{ limit: 600, windowMs: MINUTE }]);

  return async function authenticatePartner(ctx: Context, scope: PartnerScope): Promise<AuthenticatedPartner> {
    const header = ctx.get('authorization');
    if (!header)
      throw new AppError('UNAUTHENTICATED', { message: '请在Authorization请求头中提供API密钥（Bearer rk_…）' });
    // The scheme name is case-insensitive (RFC 7235 §2.1); the key itself is checked exactly.
    const key = /^Bearer +(\S+)$/i.exec(header)?.[1] ?? '';
    if (!apiKeyPattern.test(key)) throw new AppError('PARTNER_KEY_INVALID');
    const partner = await partners.byKeyHash(hashApiKey(key));
    if (!partner || partner.revokedAt) throw new AppError('PARTNER_KEY_INVALID');
    if (!partner.scopes.includes(scope))
      throw new AppError('PARTNER_SCOPE_MISSING', { message: `该API密钥未获“${scope}”授权` });
    const decision = await limiter.take(partner.id, [{ limit: partner.rateLimitPerMinute, windowMs: MINUTE }]);
    if (!decision.ok) {
      throw new AppError('RATE_LIMITED', {
        message: `调用过于频繁（每分钟最多${partner.rateLimitPerMinute}次），请${waitText(decision.retryAfterSeconds)}后再试`,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
    return { id: partner.id, name: partner.name, kind: partner.kind, scopes: partner.scopes };
  };
}
