import { z } from 'zod';
import { carrierList, type CertificateStatus } from '../domain/codes';
import { isoDateSchema } from './common';

/**
 * Data completeness and compliance (缺失数据补传, 数据合规率): the HTTP contracts of the
 * loop — a certificate's failures, the holder's completion tasks, the staff queue, the
 * batch runs and the rates. Rules: shared/src/compliance; server: server/src/modules/compliance;
 * docs/compliance.md.
 */

export const complianceSeverityList = ['blocking', 'warning'] as const;
export const complianceFixerList = ['holder', 'operator', 'staff', 'upstream'] as const;
export const complianceFixerLabels: Record<(typeof complianceFixerList)[number], string> = {
  holder: '持证人',
  operator: '业户',
  staff: '运管部门',
  upstream: '上游系统',
};

/** One failing rule, as every screen shows it (the same text the mini-program computes before submitting). */
export const complianceFailureSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(complianceSeverityList),
  fixableBy: z.enum(complianceFixerList),
  /** Field path: an extension key ('licenceClasses'), a record field ('validUntil'), 'holder.idNumber', 'portrait'. */
  field: z.string(),
  /** The field's Chinese label where the registry has one. */
  fieldLabel: z.string().nullable(),
  message: z.string(),
});
export type ComplianceFailureView = z.infer<typeof complianceFailureSchema>;

/** A certificate's (or an application's would-be certificate's) check result. */
export const complianceResultSchema = z.object({
  compliant: z.boolean(),
  failures: z.array(complianceFailureSchema),
});
export type ComplianceResultView = z.infer<typeof complianceResultSchema>;

export const completionTaskStateList = ['OPEN', 'SUBMITTED', 'CONFIRMED', 'REJECTED', 'WAIVED', 'RESOLVED'] as const;
export type CompletionTaskState = (typeof completionTaskStateList)[number];
export const completionTaskStateLabels: Record<CompletionTaskState, string> = {
  OPEN: '待补充',
  SUBMITTED: '待审核',
  CONFIRMED: '已确认',
  REJECTED: '已退回',
  WAIVED: '已豁免',
  RESOLVED: '已解决',
};
/**
 * Certificates the rates and the batch count: in force, or expired and not yet cancelled (their
 * data still counts). Replaced, cancelled, annulled and revoked ones are out; their tasks close.
 */
export const complianceScopeStatuses = [
  'VALID',
  'SUSPENDED',
  'EXPIRED',
] as const satisfies readonly CertificateStatus[];

/** States in which a task still counts: the certificate's current failures. */
export const openCompletionTaskStates = [
  'OPEN',
  'SUBMITTED',
  'REJECTED',
] as const satisfies readonly CompletionTaskState[];
/** States in which the fixer (holder or operator) may supply a value. */
export const suppliableCompletionTaskStates = ['OPEN', 'REJECTED'] as const satisfies readonly CompletionTaskState[];

/**
 * How the fixer supplies the value: the registry field of the certificate type (the
 * application form renders it the same way), and whether an evidence photo (佐证材料,
 * photo purpose EVIDENCE) must come with it. `field` null: the task cannot be fixed by
 * typing a value (a portrait: upload one through the photo pipeline and pass its id as
 * `evidencePhotoId`).
 */
export const completionInputSchema = z.object({
  /** Registry field key (extension key), or null for a photo-only task. */
  fieldKey: z.string().nullable(),
  /** 'required': the supplement is refused without a photo; 'none': no photo is asked for. */
  evidence: z.enum(['required', 'optional', 'none']),
  /** What the photo should show, in Chinese (e.g. 请拍摄机动车驾驶证正页和副页). */
  evidenceHint: z.string().nullable(),
  /** The value on the certificate now (form representation), null when missing. */
  currentValue: z.union([z.string(), z.array(z.string())]).nullable(),
});
export type CompletionInput = z.infer<typeof completionInputSchema>;

/** One task as its holder (or the operator's member) sees it. */
export const completionTaskSchema = z.object({
  id: z.string(),
  certificateId: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  /** Masked certificate number. */
  certificateNumber: z.string(),
  ruleId: z.string(),
  field: z.string(),
  fieldLabel: z.string().nullable(),
  message: z.string(),
  severity: z.enum(complianceSeverityList),
  fixableBy: z.enum(complianceFixerList),
  state: z.enum(completionTaskStateList),
  stateLabel: z.string(),
  /** The fixer may supply a value now (OPEN or REJECTED, and fixable by holder/operator). */
  canSupply: z.boolean(),
  input: completionInputSchema,
  /** What was supplied (form representation) and the evidence photo, once submitted. */
  suppliedValue: z.union([z.string(), z.array(z.string())]).nullable(),
  evidencePhotoId: z.string().nullable(),
  /** Staff's reason when the supplement was returned (REJECTED). */
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type CompletionTaskView = z.infer<typeof completionTaskSchema>;

export const completionTaskQuerySchema = z.object({
  certificateId: z.string().max(100).optional(),
  /** Default: the open ones (OPEN, SUBMITTED, REJECTED). 'all' adds the closed ones. */
  include: z.enum(['open', 'all']).default('open'),
});
export type CompletionTaskQuery = z.input<typeof completionTaskQuerySchema>;

export const completionTaskListSchema = z.object({
  items: z.array(completionTaskSchema),
  /** Tasks the caller can act on now (有 N 项信息待补充). */
  actionable: z.number().int(),
});
export type CompletionTaskList = z.infer<typeof completionTaskListSchema>;

/** A value must be in the registry field's form representation (validated with the shared field rules). */
export const supplyCompletionRequestSchema = z.object({
  value: z.union([z.string().max(500), z.array(z.string().max(100)).max(20)]).nullable(),
  evidencePhotoId: z.string().max(100).optional(),
});
export type SupplyCompletionRequest = z.infer<typeof supplyCompletionRequestSchema>;

// ───────────────────────────── staff ─────────────────────────────

/** The staff queue: supplements to confirm (SUBMITTED) and failures only staff or upstream can fix. */
export const staffCompletionQuerySchema = z.object({
  queue: z.enum(['supplements', 'staff']).default('supplements'),
  typeCode: z.string().max(4).optional(),
  ruleId: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type StaffCompletionQuery = z.input<typeof staffCompletionQuerySchema>;

export const staffCompletionTaskSchema = completionTaskSchema.extend({
  /** Masked holder name (张*) and the certificate's area. */
  holderName: z.string(),
  areaCode: z.string(),
  /** Before / after for the reviewer (form representation, display labels). */
  diff: z
    .object({
      label: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
    })
    .nullable(),
  /** Short-lived signed link to the evidence photo (private storage). */
  evidenceUrl: z.string().nullable(),
});
export type StaffCompletionTaskView = z.infer<typeof staffCompletionTaskSchema>;

export const staffCompletionListSchema = z.object({
  items: z.array(staffCompletionTaskSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type StaffCompletionList = z.infer<typeof staffCompletionListSchema>;

export const returnCompletionRequestSchema = z.object({
  reason: z.string().trim().min(2, '请填写退回原因').max(300),
});
export type ReturnCompletionRequest = z.infer<typeof returnCompletionRequestSchema>;

export const waiveCompletionRequestSchema = returnCompletionRequestSchema;

// ───────────────────────────── rates ─────────────────────────────

export const complianceRatesQuerySchema = z.object({
  /** A GB/T 2260 prefix inside the staff member's region; default: their whole region. */
  areaCode: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  typeCode: z.string().max(4).optional(),
  carrier: z.enum(carrierList).optional(),
});
export type ComplianceRatesQuery = z.input<typeof complianceRatesQuerySchema>;

const rateRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  compliant: z.number().int(),
  /** compliant / total, 0..1; null when total is 0. */
  rate: z.number().nullable(),
});
export type ComplianceRateRow = z.infer<typeof rateRowSchema>;

export const complianceRatesSchema = z.object({
  /** The region the figures cover (the staff member's, or the prefix asked for). */
  areaCode: z.string(),
  /** Certificates in scope ({@link complianceScopeStatuses}: VALID, SUSPENDED, EXPIRED). */
  total: z.number().int(),
  compliant: z.number().int(),
  rate: z.number().nullable(),
  /** The notice's target (0.95). */
  target: z.number(),
  byType: z.array(rateRowSchema),
  byArea: z.array(rateRowSchema),
  byCarrier: z.array(rateRowSchema),
  /** Certificates failing each rule (blocking and warnings), most failing first. */
  byRule: z.array(
    z.object({
      ruleId: z.string(),
      message: z.string(),
      severity: z.enum(complianceSeverityList),
      fixableBy: z.enum(complianceFixerList),
      failing: z.number().int(),
    }),
  ),
  /** Daily snapshots (the last finished batch run of each day), oldest first. */
  trend: z.array(
    z.object({ day: isoDateSchema, total: z.number().int(), compliant: z.number().int(), rate: z.number().nullable() }),
  ),
  /** Open tasks by state (待补充, 待审核 …) in the region. */
  tasks: z.object({ open: z.number().int(), submitted: z.number().int(), returned: z.number().int() }),
});
export type ComplianceRates = z.infer<typeof complianceRatesSchema>;

export const complianceFailingQuerySchema = complianceRatesQuerySchema.extend({
  ruleId: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ComplianceFailingQuery = z.input<typeof complianceFailingQuerySchema>;

/** A failing certificate in the drill-down: masked, never a full number or name. */
export const complianceFailingItemSchema = z.object({
  certificateId: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  certificateNumber: z.string(),
  holderName: z.string(),
  areaCode: z.string(),
  carrier: z.enum(carrierList),
  failures: z.array(
    z.object({
      ruleId: z.string(),
      message: z.string(),
      severity: z.enum(complianceSeverityList),
      state: z.enum(completionTaskStateList),
    }),
  ),
});
export const complianceFailingPageSchema = z.object({
  items: z.array(complianceFailingItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type ComplianceFailingPage = z.infer<typeof complianceFailingPageSchema>;

/** One batch run over the stock. */
export const complianceRunSchema = z.object({
  id: z.string(),
  state: z.enum(['RUNNING', 'DONE', 'FAILED']),
  day: isoDateSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  total: z.number().int(),
  compliant: z.number().int(),
  rate: z.number().nullable(),
  /** Certificates per second over the run (null while running). */
  perSecond: z.number().nullable(),
});
export type ComplianceRunView = z.infer<typeof complianceRunSchema>;
export const complianceRunListSchema = z.object({ items: z.array(complianceRunSchema) });
