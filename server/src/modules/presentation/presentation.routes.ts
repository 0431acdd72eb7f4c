import { gzipSync } from 'node:zlib';
import type Router from '@koa/router';
import { z } from 'zod';
import {
  keyListSchema,
  presentationBatchSchema,
  presentationQuerySchema,
  staffCertificateListSchema,
  staffCertificateQuerySchema,
  staffCertificateSchema,
  staffCertificateStatusChangeSchema,
  statusListSchema,
  verifyRequestSchema,
  verifyResultSchema,
} from '@roadcert/shared';
import type { Config } from '../../config';
import { fastRoute } from '../../http/fast-routes';
import type { createRouteTable } from '../../http/route';
import type { PresentationServices } from './presentation.module';
import { createVerifyLimit, type VerifyLimitDeps } from './verify-limit';
import { verifyPageHandler } from './verify-page';

const idParams = z.object({ id: z.string().max(100) });
const KEY_LIST_TTL_SECONDS = 3600;

/** The presentation services (createPresentationServices) and what the key list tells verifiers. */
export type PresentationRoutesDeps = PresentationServices &
  VerifyLimitDeps & { config: Pick<Config, 'publicBaseUrl' | 'presentation' | 'rateLimits'> };

/**
 * Presentation (亮证) and verification (核验): docs/presentation-token.md. Returns the fast
 * route for the credential-free verify (http/fast-routes.ts), which the app puts in front of Koa.
 */
export function presentationRoutes(
  { route }: ReturnType<typeof createRouteTable>,
  router: Router,
  deps: PresentationRoutesDeps,
) {
  const { keyring, statusList, holderTokens, verifier, staffCertificates: staff } = deps;
  // Per client IP, on both paths (RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE; undefined when 0).
  const limitVerify = createVerifyLimit(deps);

  route({
    method: 'get',
    path: '/.well-known/roadcert/keys.json',
    summary:
      'Presentation key list: key ids, algorithms, public keys (SM2 with its user id), validity; retired keys until their tokens have expired',
    tags: ['presentation'],
    access: 'public',
    response: keyListSchema,
    handler: async (ctx) => {
      ctx.set('Cache-Control', `public, max-age=${KEY_LIST_TTL_SECONDS}`);
      ctx.set('Access-Control-Allow-Origin', '*');
      return {
        issuer: deps.config.publicBaseUrl,
        keys: await keyring.published(),
        ttlSeconds: KEY_LIST_TTL_SECONDS,
        clockSkewSeconds: deps.config.presentation.clockSkewSeconds,
      };
    },
  });

  route({
    method: 'get',
    path: '/api/v1/status-list',
    summary:
      'Signed status list for offline verifiers: 2 bits per random index (≥131,072), gzip + base64url; no holder ids',
    tags: ['presentation'],
    access: 'public',
    response: statusListSchema,
    handler: async (ctx) => {
      const list = await statusList.current();
      ctx.set('Cache-Control', `public, max-age=${list.ttlSeconds}`);
      ctx.set('Access-Control-Allow-Origin', '*');
      return list;
    },
  });

  // A day's material is ~4 KB of JSON (face, 13 anchors and seeds): gzip still halves it for
  // clients that accept it (WeChat's request and browsers' fetch inflate transparently).
  router.use('/api/v1/me/certificates/:id/presentation', async (ctx, next) => {
    await next();
    if (ctx.status !== 200 || !ctx.body || typeof ctx.body !== 'object' || Buffer.isBuffer(ctx.body)) return;
    ctx.vary('Accept-Encoding');
    if (!ctx.acceptsEncodings('gzip', 'identity') || ctx.acceptsEncodings('gzip', 'identity') !== 'gzip') return;
    const json = JSON.stringify(ctx.body);
    ctx.body = gzipSync(json);
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Content-Encoding', 'gzip');
  });

  route({
    method: 'get',
    path: '/api/v1/me/certificates/:id/presentation',
    summary:
      "Holder screen: the face and, per 2-hour interval of the next `hours`, a signed anchor and a chain seed from which the phone derives each window's QR (token version 2, offline use); only ELECTRONIC + activated + VALID (else 409 NOT_PRESENTABLE with the reason)",
    tags: ['presentation'],
    access: 'holder',
    params: idParams,
    query: presentationQuerySchema,
    response: presentationBatchSchema,
    handler: async (ctx, { params, query }) => {
      ctx.set('Cache-Control', 'no-store');
      return holderTokens.batch(ctx.state, params.id, query.hours);
    },
  });

  route({
    method: 'post',
    path: '/api/v1/verify',
    summary:
      'Verify a presentation token online: VALID, NOT_VALID, TOKEN_EXPIRED, NOT_YET_VALID, UNKNOWN_KEY or INVALID, with the face scoped to the viewer (a staff session sees more); logged to the 用证记录',
    tags: ['presentation'],
    access: 'public',
    body: verifyRequestSchema,
    response: verifyResultSchema,
    handler: async (ctx, { body }) => {
      await limitVerify?.(ctx.ip);
      ctx.set('Cache-Control', 'no-store');
      return verifier.verify(await verifier.scopeOf(ctx), body);
    },
  });
  // The same route without credentials (every phone camera, most partner-less traffic) is
  // answered in front of Koa: http/fast-routes.ts.
  const fastVerify = fastRoute({
    method: 'POST',
    path: '/api/v1/verify',
    body: verifyRequestSchema,
    response: verifyResultSchema,
    headers: { 'Cache-Control': 'no-store' },
    handler: (body) => verifier.verify('anonymous', body),
    limit: limitVerify,
  });

  route({
    method: 'get',
    path: '/api/v1/staff/certificates',
    summary: "Find certificates by number (blind index) in the staff member's region",
    tags: ['staff'],
    access: 'staff',
    query: staffCertificateQuerySchema,
    response: staffCertificateListSchema,
    handler: async (ctx, { query }) => staff.search(ctx.state, query.number),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/certificates/:id/status',
    summary:
      'Revoke, suspend or restore a certificate (reason required): bumps its presentation epoch, records a CertificateEvent, audited',
    tags: ['staff'],
    access: 'staff',
    params: idParams,
    body: staffCertificateStatusChangeSchema,
    response: staffCertificateSchema,
    handler: async (ctx, { params, body }) => staff.changeStatus(ctx.state, params.id, body),
  });

  // Any phone camera opens the QR's URL: the verdict in the first response (verify-page.ts).
  router.get(
    '/v/:token',
    verifyPageHandler({ verify: (body) => verifier.verify('anonymous', body), limit: limitVerify }),
  );

  return { fastRoutes: [fastVerify] };
}
