import { certificateListSchema, holderProfileSchema, maskHolderName } from '@roadcert/shared';
import { assertThat } from '../../errors';
import type { AppDeps } from '../../app';
import type { createRouteTable } from '../../http/route';
import { currentHolderId } from '../session/authenticate';
import { createCertificateRepo } from './certificates.repo';
import { presentCertificateSummary } from './certificates.presenter';

export function certificateRoutes({ route }: ReturnType<typeof createRouteTable>, deps: AppDeps) {
  const certificates = createCertificateRepo(deps.prisma);

  route({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The signed-in holder',
    tags: ['holder'],
    access: 'holder',
    response: holderProfileSchema,
    handler: async (ctx) => {
      const auth = ctx.state.auth!;
      const holder = await deps.prisma.holder.findUnique({ where: { id: currentHolderId(ctx.state) }, select: { id: true, kind: true, name: true } });
      assertThat(holder, 'NOT_FOUND');
      return { id: holder.id, kind: holder.kind, nameMasked: maskHolderName(holder.kind, holder.name), demo: auth.demo };
    },
  });

  route({
    method: 'get',
    path: '/api/v1/me/certificates',
    summary: "The signed-in holder's certificates (numbers masked)",
    tags: ['certificates'],
    access: 'holder',
    response: certificateListSchema,
    handler: async (ctx) => {
      const rows = await certificates.listForHolder(currentHolderId(ctx.state));
      return { items: rows.map(presentCertificateSummary) };
    },
  });
}
