import { z } from 'zod';
import { certificateDetailSchema, certificateListSchema, certificateSummarySchema } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { createRouteTable } from '../../http/route';
import { createCertificatesModule, type CertificatesDeps } from './certificates.module';
import { operatorContextOf, presentCertificateDetail, presentCertificateSummary } from './certificates.presenter';
import { activateCertificate } from './activate-certificate';

const idParams = z.object({ id: z.string().max(100) });

export function certificateRoutes({ route }: ReturnType<typeof createRouteTable>, deps: CertificatesDeps) {
  const services = createCertificatesModule(deps);
  const { access } = services;
  const certificates = services.data.repos.certificates;

  route({
    method: 'get',
    path: '/api/v1/me/certificates',
    summary:
      "The caller's certificates, then those of operators they are a member of, then those of vehicles they drive (numbers masked)",
    tags: ['certificates'],
    access: 'account',
    response: certificateListSchema,
    handler: async (ctx) => {
      const { own, operators, driven } = await access.reachableHolders(ctx.state);
      // Authorised operator staff and assigned drivers need not be holders themselves; everyone else binds first.
      if (own === null && operators.length === 0 && driven.length === 0) throw new AppError('REAL_NAME_REQUIRED');
      const rows = await certificates.listForHolders([...(own ? [own] : []), ...operators.map((o) => o.holderId)]);
      const drivenRows = await certificates.listForVehicles(driven);
      const context = new Map(operators.map((o) => [o.holderId, { operatorName: o.operatorName, role: o.role }]));
      const ownRows = rows.filter((r) => r.holderId === own);
      const operatorRows = operators.flatMap((o) => rows.filter((r) => r.holderId === o.holderId));
      // A driven vehicle's certificate shows once, as DRIVER (a VIEWER who drives it may present it).
      const drivenIds = new Set(drivenRows.map((r) => r.id));
      const driverContext = new Map(driven.map((d) => [d.holderId, d.operatorName]));
      return {
        items: [
          ...ownRows.map((r) => presentCertificateSummary(r, null)),
          ...operatorRows
            .filter((r) => !drivenIds.has(r.id))
            .map((r) => presentCertificateSummary(r, context.get(r.holderId) ?? null)),
          ...drivenRows.map((r) =>
            presentCertificateSummary(r, { operatorName: driverContext.get(r.holderId) ?? '', role: 'DRIVER' }),
          ),
        ],
      };
    },
  });

  route({
    method: 'get',
    path: '/api/v1/me/certificates/:id',
    summary: 'One reachable certificate with its history (any other id: 404, audited)',
    tags: ['certificates'],
    access: 'account',
    params: idParams,
    response: certificateDetailSchema,
    handler: async (ctx, { params }) => {
      const reach = await access.reach(ctx.state, params.id, 'read');
      return presentCertificateDetail(
        await certificates.detail(reach.certificateId),
        operatorContextOf(reach),
        ctx.state.auth?.accountId ?? null,
      );
    },
  });

  route({
    method: 'post',
    path: '/api/v1/me/certificates/:id/activate',
    summary: 'Activate an electronic certificate (bound holder + recent face verification)',
    tags: ['certificates'],
    access: 'holder',
    params: idParams,
    response: certificateSummarySchema,
    handler: async (ctx, { params }) => activateCertificate(services, ctx.state, params.id),
  });
}
