import { z } from 'zod';

/** 数据归集 (aggregation to the ministry): staff figures, dead letters, re-send, reconciliation. docs/aggregation.md. */

export const aggregationRateRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Certificates that must be aggregated (electronic ones, docs/aggregation.md "Scope"). */
  total: z.number().int(),
  /** Of them, those whose latest version the receiver acknowledged. */
  acknowledged: z.number().int(),
  rate: z.number().nullable(),
});
export type AggregationRateRow = z.infer<typeof aggregationRateRowSchema>;

export const aggregationQuerySchema = z.object({
  /** Area code prefix (defaults to the staff member's region; outside it: 403). */
  areaCode: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
});

export const aggregationSummarySchema = z.object({
  /** `ministry`, or `stand-in`: the local receiver stand-in (not the ministry). */
  target: z.enum(['ministry', 'stand-in']),
  targetLabel: z.string(),
  areaPrefix: z.string(),
  /** The notice's target (95 %). */
  target95: z.number(),
  overall: aggregationRateRowSchema,
  byType: z.array(aggregationRateRowSchema),
  byRegion: z.array(aggregationRateRowSchema),
  /** Change → acknowledgement, over the entries acknowledged in the last 24 hours. */
  lag: z.object({ acknowledged: z.number().int(), p50Ms: z.number().nullable(), p99Ms: z.number().nullable() }),
  queue: z.object({ pending: z.number().int(), retrying: z.number().int(), dead: z.number().int() }),
  /** Entries waiting for a retry or dead, by the reason of their last failure. */
  failures: z.array(z.object({ reason: z.string(), retrying: z.number().int(), dead: z.number().int() })),
  breaker: z.enum(['closed', 'open', 'half-open']).nullable(),
  /** What needs attention (a banner): rate under target, lag p99 over its limit, dead letters, receiver down. */
  alerts: z.array(
    z.object({
      code: z.enum(['RATE_BELOW_TARGET', 'LAG_HIGH', 'DEAD_LETTERS', 'RECEIVER_DOWN']),
      message: z.string(),
    }),
  ),
});
export type AggregationSummary = z.infer<typeof aggregationSummarySchema>;

export const deadLetterSchema = z.object({
  id: z.string(),
  certificateId: z.string(),
  version: z.number().int(),
  event: z.string(),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  typeCode: z.string(),
  typeName: z.string(),
  areaCode: z.string(),
  createdAt: z.string(),
});
export const deadLetterQuerySchema = z.object({
  areaCode: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  before: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const deadLetterPageSchema = z.object({ items: z.array(deadLetterSchema), next: z.string().nullable() });

/** 补传: the listed dead entries, or (`all`) every dead entry in the region, up to `limit`. */
export const resendRequestSchema = z
  .object({
    ids: z.array(z.string().uuid()).min(1).max(1000).optional(),
    all: z.literal(true).optional(),
    areaCode: z
      .string()
      .regex(/^\d{2,6}$/)
      .optional(),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), 'either ids or all');
export const resendResultSchema = z.object({ resent: z.number().int(), ids: z.array(z.string()) });

export const reconciliationViewSchema = z.object({
  id: z.string(),
  state: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  groups: z.number().int(),
  mismatched: z.number().int(),
  requeued: z.number().int(),
  detail: z.array(
    z.object({
      typeCode: z.string(),
      day: z.string(),
      ours: z.number().int(),
      theirs: z.number().int(),
    }),
  ),
  error: z.string().nullable(),
});
export const reconciliationListSchema = z.object({ items: z.array(reconciliationViewSchema) });

export const standInFaultsRequestSchema = z.object({
  rates: z
    .partialRecord(
      z.enum(['timeout', '5xx', '429', 'reset', 'slow', 'duplicate-ack', 'partial']),
      z.number().min(0).max(1),
    )
    .optional(),
  script: z
    .array(z.enum(['timeout', '5xx', '429', 'reset', 'slow', 'duplicate-ack', 'partial']))
    .max(1000)
    .optional(),
  outageSeconds: z.number().int().min(0).max(3600).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  slowMs: z.number().int().min(0).max(120_000).optional(),
});
export const standInStatusSchema = z.object({
  label: z.string(),
  url: z.string(),
  faults: z.object({
    rates: z.record(z.string(), z.number()),
    scriptLeft: z.number().int(),
    outageUntil: z.string().nullable(),
    retryAfterSeconds: z.number(),
    slowMs: z.number(),
  }),
  stats: z.object({
    requests: z.number().int(),
    batches: z.number().int(),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    staleRefused: z.number().int(),
    outOfOrderApplied: z.number().int(),
    rejected: z.number().int(),
    signatureFailures: z.number().int(),
    faults: z.record(z.string(), z.number()),
    dbMs: z.number(),
  }),
});
