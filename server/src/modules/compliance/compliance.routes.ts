import { z } from 'zod';
import {
  chinaToday,
  completionTaskListSchema,
  completionTaskQuerySchema,
  completionTaskSchema,
  complianceFailingPageSchema,
  complianceFailingQuerySchema,
  complianceRatesQuerySchema,
  complianceRatesSchema,
  complianceRunListSchema,
  complianceRunSchema,
  returnCompletionRequestSchema,
  staffCompletionListSchema,
  staffCompletionQuerySchema,
  staffCompletionTaskSchema,
  supplyCompletionRequestSchema,
  waiveCompletionRequestSchema,
  type ComplianceRunView,
} from '@roadcert/shared';
import type { createRouteTable } from '../../http/route';
import { currentStaff, STEWARD_ROLES } from '../account';
import type { ComplianceModule } from './compliance.module';
import { failingCsv, scopedPrefix } from './rates';

const idParams = z.object({ id: z.string().max(100) });

function presentRun(run: {
  id: string;
  state: 'RUNNING' | 'DONE' | 'FAILED';
  day: Date;
  startedAt: Date;
  finishedAt: Date | null;
  total: number;
  compliant: number;
  /** Certificates read per second, from the finished run's summary. */
  perSecond?: number | null;
}): ComplianceRunView {
  const perSecond = run.perSecond;
  return {
    id: run.id,
    state: run.state,
    day: run.day.toISOString().slice(0, 10),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    total: run.total,
    compliant: run.compliant,
    rate: run.state === 'DONE' && run.total > 0 ? run.compliant / run.total : null,
    perSecond: run.state === 'DONE' && typeof perSecond === 'number' ? perSecond : null,
  };
}

export function complianceRoutes(
  { route }: ReturnType<typeof createRouteTable>,
  deps: { compliance: ComplianceModule },
) {
  const { tasks, rates, batch, runs } = deps.compliance;

  // ───────────── holder ─────────────
  route({
    method: 'get',
    path: '/api/v1/me/completion-tasks',
    summary:
      '缺失数据补传: the open (or all) tasks on the certificates the caller holds or acts for, with what to supply',
    tags: ['compliance'],
    access: 'account',
    query: completionTaskQuerySchema,
    response: completionTaskListSchema,
    handler: async (ctx, { query }) => tasks.list(ctx.state, query),
  });

  route({
    method: 'get',
    path: '/api/v1/me/completion-tasks/:id',
    summary: "One of the caller's tasks (any other id: 404, audited)",
    tags: ['compliance'],
    access: 'account',
    params: idParams,
    response: completionTaskSchema,
    handler: async (ctx, { params }) => tasks.get(ctx.state, params.id),
  });

  route({
    method: 'post',
    path: '/api/v1/me/completion-tasks/:id/supply',
    summary:
      'Supply the missing or corrected value (checked with the registry field rules) and the evidence photo; the task goes to staff (SUBMITTED)',
    tags: ['compliance'],
    access: 'account',
    params: idParams,
    body: supplyCompletionRequestSchema,
    response: completionTaskSchema,
    handler: async (ctx, { params, body }) => tasks.supply(ctx.state, params.id, body),
  });

  // ───────────── staff: the queue ─────────────
  route({
    method: 'get',
    path: '/api/v1/staff/completion-tasks',
    summary: "Staff queue in the caller's region: supplements to confirm, or failures only staff or upstream can fix",
    tags: ['compliance', 'staff'],
    access: 'staff',
    query: staffCompletionQuerySchema,
    response: staffCompletionListSchema,
    handler: async (ctx, { query }) => tasks.queue(ctx.state, query),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/completion-tasks/:id',
    summary: 'One task with the before/after of the supplement and a signed link to the evidence',
    tags: ['compliance', 'staff'],
    access: 'staff',
    params: idParams,
    response: staffCompletionTaskSchema,
    handler: async (ctx, { params }) => tasks.staffDetail(ctx.state, params.id),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/completion-tasks/:id/accept',
    summary:
      'Accept a supplement: the certificate updated (new version, re-signed when electronic, aggregation event), the task confirmed, the certificate rechecked',
    tags: ['compliance', 'staff'],
    access: 'staff',
    params: idParams,
    response: staffCompletionTaskSchema,
    handler: async (ctx, { params }) => tasks.accept(ctx.state, params.id),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/completion-tasks/:id/return',
    summary: 'Return a supplement with a reason shown to the holder (REJECTED; they may supply again)',
    tags: ['compliance', 'staff'],
    access: 'staff',
    params: idParams,
    body: returnCompletionRequestSchema,
    response: staffCompletionTaskSchema,
    handler: async (ctx, { params, body }) => tasks.decide(ctx.state, params.id, 'return', body.reason),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/completion-tasks/:id/waive',
    summary: 'Waive a failure with a reason (WAIVED: not counted against the rate, not reopened by rechecks)',
    tags: ['compliance', 'staff'],
    access: 'staff',
    params: idParams,
    body: waiveCompletionRequestSchema,
    response: staffCompletionTaskSchema,
    handler: async (ctx, { params, body }) => tasks.decide(ctx.state, params.id, 'waive', body.reason),
  });

  // ───────────── staff: rates and runs ─────────────
  route({
    method: 'get',
    path: '/api/v1/staff/compliance/rates',
    summary:
      "数据合规率 in the caller's region (or a part of it): by type, area, carrier and rule, live; the daily trend from batch runs",
    tags: ['compliance', 'staff'],
    access: 'staff',
    query: complianceRatesQuerySchema,
    response: complianceRatesSchema,
    handler: async (ctx, { query }) =>
      rates.figures({
        areaPrefix: scopedPrefix(ctx.state, query.areaCode),
        typeCode: query.typeCode,
        carrier: query.carrier,
      }),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/compliance/failing',
    summary:
      'Non-compliant certificates (an open blocking failure) in the region, masked, with their open failures; with ruleId: those failing that rule, warnings included',
    tags: ['compliance', 'staff'],
    access: 'staff',
    query: complianceFailingQuerySchema,
    response: complianceFailingPageSchema,
    handler: async (ctx, { query }) =>
      rates.failing(
        {
          areaPrefix: scopedPrefix(ctx.state, query.areaCode),
          typeCode: query.typeCode,
          carrier: query.carrier,
          ruleId: query.ruleId,
        },
        query.page,
        query.pageSize,
      ),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/compliance/failing.csv',
    summary: 'The same list as CSV (UTF-8 with BOM, masked values, at most 10,000 certificates)',
    tags: ['compliance', 'staff'],
    access: 'staff',
    query: complianceFailingQuerySchema.omit({ page: true, pageSize: true }),
    response: z.string(),
    responseContentType: 'text/csv; charset=utf-8',
    handler: async (ctx, { query }) => {
      const page = await rates.failing(
        {
          areaPrefix: scopedPrefix(ctx.state, query.areaCode),
          typeCode: query.typeCode,
          carrier: query.carrier,
          ruleId: query.ruleId,
        },
        1,
        10_000,
      );
      ctx.attachment(`compliance-failing-${chinaToday()}.csv`);
      return failingCsv(page);
    },
  });

  route({
    method: 'post',
    path: '/api/v1/staff/compliance/runs',
    summary: 'Start a batch check of the whole stock now (data stewards, administrators); 409 while one runs',
    tags: ['compliance', 'staff'],
    access: 'staff',
    status: 202,
    response: complianceRunSchema,
    handler: async (ctx) => {
      currentStaff(ctx.state, STEWARD_ROLES, '只有数据治理人员或管理员可以发起全量校验');
      const today = chinaToday();
      const run = await batch.start(ctx.state.staff!.staffUserId, today);
      void batch.execute(run.id, today);
      return presentRun(run);
    },
  });

  route({
    method: 'get',
    path: '/api/v1/staff/compliance/runs',
    summary: 'The latest batch runs (newest first)',
    tags: ['compliance', 'staff'],
    access: 'staff',
    response: complianceRunListSchema,
    handler: async () => ({ items: (await runs.listRuns(20)).map(presentRun) }),
  });
}
