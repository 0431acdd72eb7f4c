import {
  aggregationQuerySchema,
  aggregationSummarySchema,
  deadLetterPageSchema,
  deadLetterQuerySchema,
  reconciliationListSchema,
  reconciliationViewSchema,
  resendRequestSchema,
  resendResultSchema,
  standInFaultsRequestSchema,
  standInStatusSchema,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { createRouteTable } from '../../http/route';
import { currentStaff, type AuthState } from '../account';
import type { AggregationModule } from './aggregation.module';
import { createStaffAggregation } from './staff-aggregation';

/** The local receiver stand-in's state; 404 when aggregation goes to the real ministry. Admins only. */
function standInOf(m: AggregationModule, state: AuthState) {
  currentStaff(state, 'ADMIN', '只有管理员可以控制本地模拟接收端');
  const standIn = m.standIn();
  if (!standIn) throw new AppError('NOT_FOUND', { message: '未使用本地模拟接收端' });
  return standIn;
}

function presentStandIn(m: AggregationModule, state: AuthState) {
  const s = standInOf(m, state);
  const f = s.faults();
  return {
    label: s.label,
    url: s.url,
    faults: {
      rates: f.rates as Record<string, number>,
      scriptLeft: f.script.length,
      outageUntil: f.outageUntil && f.outageUntil > Date.now() ? new Date(f.outageUntil).toISOString() : null,
      retryAfterSeconds: f.retryAfterSeconds,
      slowMs: f.slowMs,
    },
    stats: s.stats() as ReturnType<typeof s.stats> & { faults: Record<string, number> },
  };
}

export function aggregationRoutes(
  { route }: ReturnType<typeof createRouteTable>,
  deps: { aggregation: AggregationModule },
) {
  const m = deps.aggregation;
  const staff = createStaffAggregation(m);

  route({
    method: 'get',
    path: '/api/v1/staff/aggregation/summary',
    summary:
      '数据归集: the aggregation rate (latest version acknowledged / electronic certificates) by type and region, lag p50/p99, queue, failures by reason',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    query: aggregationQuerySchema,
    response: aggregationSummarySchema,
    handler: async (ctx, { query }) => staff.summary(ctx.state, query.areaCode),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/aggregation/dead-letters',
    summary: 'Entries that gave up (DEAD) in the region, newest first, with the reason of the last failure',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    query: deadLetterQuerySchema,
    response: deadLetterPageSchema,
    handler: async (ctx, { query }) => staff.deadLetters(ctx.state, query),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/aggregation/dead-letters/resend',
    summary: '补传: send dead entries again, listed (`ids`) or all in the region (`all`); audited',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    body: resendRequestSchema,
    response: resendResultSchema,
    handler: async (ctx, { body }) => staff.resend(ctx.state, body),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/aggregation/reconciliations',
    summary: 'The latest reconciliation results (对账: counts and digests per type and day against the receiver)',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    response: reconciliationListSchema,
    handler: async (ctx) => staff.reconciliations(ctx.state),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/aggregation/reconciliations',
    summary: 'Reconcile now: what differs is queued again; the result is kept and returned',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    response: reconciliationViewSchema,
    handler: async (ctx) => staff.reconcileNow(ctx.state),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/aggregation/stand-in',
    summary:
      'The LOCAL RECEIVER STAND-IN (not the ministry): its faults and counters; admins only, 404 when not in use',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    response: standInStatusSchema,
    handler: async (ctx) => presentStandIn(m, ctx.state),
  });

  route({
    method: 'put',
    path: '/api/v1/staff/aggregation/stand-in/faults',
    summary:
      'Inject faults into the LOCAL RECEIVER STAND-IN: rates per kind, a script for the next requests, an outage of N seconds; admins only',
    tags: ['aggregation', 'staff'],
    access: 'staff',
    body: standInFaultsRequestSchema,
    response: standInStatusSchema,
    handler: async (ctx, { body }) => {
      standInOf(m, ctx.state).setFaults(body);
      return presentStandIn(m, ctx.state);
    },
  });
}
