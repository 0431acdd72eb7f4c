import type Router from '@koa/router';
import { z } from 'zod';
import {
  shareCreatedSchema,
  shareCreateRequestSchema,
  sharedViewSchema,
  shareListSchema,
  shareSummarySchema,
} from '@roadcert/shared';
import type { createRouteTable } from '../../http/route';
import { createShareService, type SharesDeps } from './shares.service';

const idParams = z.object({ id: z.string().max(100) });
const secretParams = z.object({ secret: z.string().max(100) });

export function shareRoutes({ route }: ReturnType<typeof createRouteTable>, deps: SharesDeps) {
  const shares = createShareService(deps);

  route({
    method: 'post',
    path: '/api/v1/me/shares',
    summary:
      '加注件: share reachable certificates of one holder for a purpose until an expiry (≤ 90 days); the link is shown once',
    tags: ['shares'],
    access: 'account',
    body: shareCreateRequestSchema,
    response: shareCreatedSchema,
    status: 201,
    handler: async (ctx, { body }) => shares.create(ctx.state, body),
  });

  route({
    method: 'get',
    path: '/api/v1/me/shares',
    summary: "The caller's shares and those of operators they are a member of, newest first, with opening counts",
    tags: ['shares'],
    access: 'account',
    response: shareListSchema,
    handler: async (ctx) => shares.list(ctx.state),
  });

  route({
    method: 'post',
    path: '/api/v1/me/shares/:id/revoke',
    summary: 'Revoke a share (the link answers 410 SHARE_REVOKED from then on)',
    tags: ['shares'],
    access: 'account',
    params: idParams,
    response: shareSummarySchema,
    handler: async (ctx, { params }) => shares.revoke(ctx.state, params.id),
  });

  route({
    method: 'get',
    path: '/api/v1/shares/:secret',
    summary:
      'Open a share (public): the certificate faces with the watermark; every opening is logged. Unknown 404, revoked 410 SHARE_REVOKED, expired 410 SHARE_EXPIRED',
    tags: ['shares'],
    access: 'public',
    params: secretParams,
    response: sharedViewSchema,
    handler: async (ctx, { params }) => {
      // Personal data behind a bearer link: no caches, no search engines.
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Robots-Tag', 'noindex');
      return shares.open(params.secret);
    },
  });
}

/** `GET /s/<secret>` (the link in the QR / message) → the portal's share page. */
export function shareLinkRoutes(router: Router) {
  router.get('/s/:secret', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(`/pkg-verify/pages/share/index?s=${encodeURIComponent(ctx.params.secret ?? '')}`);
  });
}
