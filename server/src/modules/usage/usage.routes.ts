import { usagePageSchema, usageQuerySchema } from '@roadcert/shared';
import type { AppServices } from '../../app';
import type { createRouteTable } from '../../http/route';
import { createCertificateAccess } from '../certificates/certificate-access';
import { presentUsage } from './usage.presenter';
import { createUsageRepo } from './usage.repo';

export function usageRoutes({ route }: ReturnType<typeof createRouteTable>, deps: AppServices) {
  const access = createCertificateAccess(deps.prisma);
  const usage = createUsageRepo(deps.prisma);

  route({
    method: 'get',
    path: '/api/v1/me/usage',
    summary: '用证记录 of one reachable certificate: who checked it, when, how, which fields (names only); newest first',
    tags: ['usage'],
    access: 'account',
    query: usageQuerySchema,
    response: usagePageSchema,
    handler: async (ctx, { query }) => {
      // Holder or operator member (VIEWER included); anyone else's id is a 404.
      const reach = await access.reach(ctx.state, query.certificateId, 'read');
      // Rows written a moment ago may still sit in the batch queue; the holder expects to see them.
      await deps.usageLog.flush();
      const { rows, total } = await usage.page(reach.certificateId, query.page, query.pageSize);
      return { items: rows.map(presentUsage), page: query.page, pageSize: query.pageSize, total };
    },
  });
}
