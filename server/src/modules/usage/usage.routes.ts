import { usagePageSchema, usageQuerySchema } from '@roadcert/shared';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import type { createRouteTable } from '../../http/route';
import type { UsageLog } from '../../lib/usage-event';
import type { AuthState } from '../account';
import { createCertificateAccess } from '../certificates';
import { presentUsage } from './usage.presenter';
import { createUsageRepo } from './usage.repo';

/** What the 用证记录 page needs: the database (the access rule, its rows) and the usage log, to flush before reading. */
export type UsageDeps = { prisma: Database['prisma']; audit: AuditLog; usageLog: Pick<UsageLog, 'flush'> };

export function usageRoutes({ route }: ReturnType<typeof createRouteTable>, deps: UsageDeps) {
  const access = createCertificateAccess(deps);
  const usage = createUsageRepo(deps.prisma);

  /** Holder or operator member (VIEWER included); anyone else's id is a 404. */
  const oneReachable = async (state: AuthState, certificateId: string) => ({
    certificateId: (await access.reach(state, certificateId, 'read')).certificateId,
  });

  /** The certificates GET /me/certificates lists: the caller's own and their operators'. */
  async function everyReachable(state: AuthState) {
    const { own, operators } = await access.reachableHolders(state);
    if (own === null && operators.length === 0) throw new AppError('REAL_NAME_REQUIRED');
    return { holderIds: [...(own ? [own] : []), ...operators.map((o) => o.holderId)] };
  }

  route({
    method: 'get',
    path: '/api/v1/me/usage',
    summary:
      '用证记录 of one reachable certificate, or of all of them without certificateId: who checked, when, how, which fields (names only); newest first',
    tags: ['usage'],
    access: 'account',
    query: usageQuerySchema,
    response: usagePageSchema,
    handler: async (ctx, { query }) => {
      const of =
        query.certificateId === undefined
          ? await everyReachable(ctx.state)
          : await oneReachable(ctx.state, query.certificateId);
      // Rows written a moment ago may still sit in the batch queue; the holder expects to see them.
      await deps.usageLog.flush();
      const { rows, total } = await usage.page(of, query.page, query.pageSize);
      return { items: rows.map(presentUsage), page: query.page, pageSize: query.pageSize, total };
    },
  });
}
