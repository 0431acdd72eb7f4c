import { z } from 'zod';
import {
  applicationDetailSchema,
  applicationListSchema,
  rejectApplicationRequestSchema,
  returnApplicationRequestSchema,
  saveApplicationDraftRequestSchema,
  staffApplicationDetailSchema,
  staffApplicationListSchema,
  staffApplicationQuerySchema,
  startApplicationRequestSchema,
  submitApplicationRequestSchema,
} from '@roadcert/shared';
import type { createRouteTable } from '../../http/route';
import { createApplicationsModule, type ApplicationsDeps } from './applications.module';
import { createHolderApplications } from './holder-applications';
import { createStaffReview } from './staff-review';

const idParams = z.object({ id: z.string().max(100) });

/** Applications (docs/applications.md): the holder's side and the reviewers' queue. */
export function applicationRoutes({ route }: ReturnType<typeof createRouteTable>, deps: ApplicationsDeps) {
  const services = createApplicationsModule(deps);
  const holder = createHolderApplications(services);
  const review = createStaffReview(services);

  route({
    method: 'post',
    path: '/api/v1/me/applications',
    summary: 'Start an application (draft, prefilled from the holder and the base certificate)',
    tags: ['applications'],
    access: 'holder',
    body: startApplicationRequestSchema,
    response: applicationDetailSchema,
    status: 201,
    handler: async (ctx, { body }) => holder.start(ctx.state, body),
  });

  route({
    method: 'get',
    path: '/api/v1/me/applications',
    summary: "The caller's applications, newest first",
    tags: ['applications'],
    access: 'holder',
    response: applicationListSchema,
    handler: async (ctx) => holder.list(ctx.state),
  });

  route({
    method: 'get',
    path: '/api/v1/me/applications/:id',
    summary: 'One application with its requirements and timeline (any other id: 404, audited)',
    tags: ['applications'],
    access: 'holder',
    params: idParams,
    response: applicationDetailSchema,
    handler: async (ctx, { params }) => holder.detail(ctx.state, params.id),
  });

  route({
    method: 'put',
    path: '/api/v1/me/applications/:id/draft',
    summary:
      'Save the form (DRAFT or RETURNED only); photoId attaches one of the holder’s accepted portraits (null detaches)',
    tags: ['applications'],
    access: 'holder',
    params: idParams,
    body: saveApplicationDraftRequestSchema,
    response: applicationDetailSchema,
    handler: async (ctx, { params, body }) => holder.saveDraft(ctx.state, params.id, body.formData, body.photoId),
  });

  route({
    method: 'post',
    path: '/api/v1/me/applications/:id/submit',
    summary: 'Submit (or resubmit after return); idempotent by idempotencyKey',
    tags: ['applications'],
    access: 'holder',
    params: idParams,
    body: submitApplicationRequestSchema,
    response: applicationDetailSchema,
    handler: async (ctx, { params, body }) => holder.submit(ctx.state, params.id, body.idempotencyKey),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/applications',
    summary: "Review queue in the reviewer's region (filters: type, kind, state, minimum age in days)",
    tags: ['applications', 'staff'],
    access: 'staff',
    query: staffApplicationQuerySchema,
    response: staffApplicationListSchema,
    handler: async (ctx, { query }) => review.queue(ctx.state, query),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/applications/:id',
    summary: 'One application with the diff of its form against the base certificate',
    tags: ['applications', 'staff'],
    access: 'staff',
    params: idParams,
    response: staffApplicationDetailSchema,
    handler: async (ctx, { params }) => review.detail(ctx.state, params.id),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/applications/:id/start-review',
    summary: 'Take a submitted application into review (SUBMITTED → IN_REVIEW)',
    tags: ['applications', 'staff'],
    access: 'staff',
    params: idParams,
    response: staffApplicationDetailSchema,
    handler: async (ctx, { params }) => review.startReview(ctx.state, params.id),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/applications/:id/approve',
    summary:
      'Approve and issue the electronic certificate (one transaction; concurrent approvals: one wins, the other 409)',
    tags: ['applications', 'staff'],
    access: 'staff',
    params: idParams,
    response: staffApplicationDetailSchema,
    handler: async (ctx, { params }) => review.approve(ctx.state, params.id),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/applications/:id/return',
    summary: 'Return for correction with per-field reasons',
    tags: ['applications', 'staff'],
    access: 'staff',
    params: idParams,
    body: returnApplicationRequestSchema,
    response: staffApplicationDetailSchema,
    handler: async (ctx, { params, body }) => review.returnForCorrection(ctx.state, params.id, body.reasons),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/applications/:id/reject',
    summary: 'Reject with a reason (final)',
    tags: ['applications', 'staff'],
    access: 'staff',
    params: idParams,
    body: rejectApplicationRequestSchema,
    response: staffApplicationDetailSchema,
    handler: async (ctx, { params, body }) => review.reject(ctx.state, params.id, body.reason),
  });
}
