import { lookupRequestSchema, lookupResultSchema } from '@roadcert/shared';
import type { createRouteTable } from '../../http/route';
import { createLookup, type LookupDeps } from './lookup.service';

export function lookupRoutes({ route }: ReturnType<typeof createRouteTable>, deps: LookupDeps) {
  const lookup = createLookup(deps);

  route({
    method: 'post',
    path: '/api/v1/lookup',
    summary:
      '凭证号查询: status and validity of a certificate by number + exact holder name (+ plate); no match and a wrong name answer alike; rate-limited per IP and per number',
    tags: ['verification'],
    access: 'public',
    body: lookupRequestSchema,
    response: lookupResultSchema,
    // ctx.ip honours TRUST_PROXY (createApp), like the SMS per-IP limit.
    handler: async (ctx, { body }) => lookup(ctx.ip, body),
  });
}
