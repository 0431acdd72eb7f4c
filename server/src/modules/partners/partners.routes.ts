import {
  partnerCheckRequestSchema,
  partnerCheckResponseSchema,
  partnerVerifyRequestSchema,
  partnerVerifyResponseSchema,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { createRouteTable } from '../../http/route';
import { createRateLimiter, waitText, type RateLimitStore } from '../../lib/rate-limit';
import type { UsageLog } from '../../lib/usage-event';
import { createCertificateMatcher, numberKey, requireLookupInput, type CertificateMatcherDeps } from '../lookup';
import type { TokenVerifier } from '../presentation';
import { createPartnerAuth } from './partner-auth';
import { createPartnerVerify } from './partner-verify';
import { partnerView } from './partner-view';
import { createPartnerRepo } from './partners.repo';

/** Checks of one number by one partner per hour (name guessing). */
export const PARTNER_CHECKS_PER_NUMBER_PER_HOUR = 20;

/** The lookup matcher's database and field crypto, the presentation verifier, and the usage log. */
export type PartnersDeps = CertificateMatcherDeps & {
  verifier: Pick<TokenVerifier, 'withUsageLog'>;
  usageLog: Pick<UsageLog, 'record'>;
  /** Shared rate-limit counters (lib/rate-limit-store.ts). */
  rateLimits: RateLimitStore;
};

/** The partner API (docs/verification.md). Authentication is the partner's API key, checked in the handler. */
export function partnerRoutes({ route }: ReturnType<typeof createRouteTable>, deps: PartnersDeps) {
  const partners = createPartnerRepo(deps.prisma);
  const authenticate = createPartnerAuth(partners, deps.rateLimits);
  const matcher = createCertificateMatcher(deps);
  const verifyForPartner = createPartnerVerify({ ...deps, partners });
  // An ID number is also a 从业资格证号: without this, a key could try names against one
  // number at its full rate and learn who holds it.
  const perPartnerNumber = createRateLimiter(deps.rateLimits, 'partner-number', [
    { limit: PARTNER_CHECKS_PER_NUMBER_PER_HOUR, windowMs: 3_600_000 },
  ]);

  route({
    method: 'post',
    path: '/api/v1/partner/verify',
    summary:
      "Partner API (Authorization: Bearer rk_…, scope verify): verify a presentation token like /api/v1/verify; the certificate comes back with the fields the key's fields:* scopes allow",
    tags: ['partner'],
    access: 'public',
    authenticatedBy: 'partnerApiKey',
    body: partnerVerifyRequestSchema,
    response: partnerVerifyResponseSchema,
    handler: async (ctx, { body }) => {
      const partner = await authenticate(ctx, 'verify');
      ctx.set('Cache-Control', 'no-store');
      return verifyForPartner(partner, body);
    },
  });

  route({
    method: 'post',
    path: '/api/v1/partner/check',
    summary:
      "Partner API (Authorization: Bearer rk_…, scope check): a certificate by number + exact holder name (+ plate) → status, validity and the fields the key's fields:* scopes allow",
    tags: ['partner'],
    access: 'public',
    authenticatedBy: 'partnerApiKey',
    body: partnerCheckRequestSchema,
    response: partnerCheckResponseSchema,
    handler: async (ctx, { body }) => {
      const partner = await authenticate(ctx, 'check');
      const input = requireLookupInput(body);
      const repeat = await perPartnerNumber.take(`${partner.id}:${numberKey(deps, body.typeCode, input.number)}`);
      if (!repeat.ok)
        throw new AppError('RATE_LIMITED', {
          message: `同一证号查询过于频繁（每小时最多${PARTNER_CHECKS_PER_NUMBER_PER_HOUR}次），请${waitText(repeat.retryAfterSeconds)}后再试`,
          retryAfterSeconds: repeat.retryAfterSeconds,
        });
      const now = new Date();
      const match = await matcher.match(body.typeCode, input);
      if (!match) return { matched: false, certificate: null, fieldsShown: [], checkedAt: now.toISOString() };
      const { view, fieldsShown } = partnerView(match, partner.scopes, now);
      deps.usageLog.record({
        certificateId: match.certificate.id,
        channel: 'PARTNER_API',
        verifierRole: `partner:${partner.kind}`,
        partnerId: partner.id,
        result: view.valid ? 'VALID' : 'NOT_VALID',
        fieldsShown,
        at: now,
      });
      return { matched: true, certificate: view, fieldsShown, checkedAt: now.toISOString() };
    },
  });
}
