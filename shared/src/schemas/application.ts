import { z } from 'zod';
import { complianceResultSchema } from './compliance';
import { applicationKindList, applicationStateList, type ApplicationKind } from '../domain/applications';
import { certificateTypeCodes } from '../registry/type-codes';
import { getCertificateType } from '../registry/certificate-types';
import { checkFieldValue, isEmptyFieldValue, missingFieldMessage } from '../registry/field-values';

/**
 * Application (申请) and review DTOs, and the submit-time form check. The state machine is
 * in domain/applications.ts, the 一次性告知 tables in registry/application-requirements.ts.
 * docs/applications.md describes the flow.
 */

const formValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
/** The form: flat field → value (strings, numbers, booleans); at most 100 fields. */
export const applicationFormDataSchema = z
  .record(z.string().min(1).max(60), formValue)
  .refine((v) => Object.keys(v).length <= 100, { message: '表单字段过多' });
export type ApplicationFormData = z.infer<typeof applicationFormDataSchema>;

/**
 * Submit-time check of the form against the fields the registry declares for the type,
 * with the same validators the client uses: field key → Chinese message (empty: nothing
 * wrong). A required field left empty gets 请填写…/请选择…; a filled one must pass its
 * validator (text length, dates, 准驾车型, plates, area codes, USCCs, 从业资格类别 and the
 * type's allowed categories, code lists — bundled lists by value, the others by format).
 * Multiple-choice fields are the codes joined by ','. Other keys (prefill such as
 * holderName) pass.
 */
export function validateApplicationForm(typeCode: string, formData: Record<string, unknown>): Record<string, string> {
  const type = getCertificateType(typeCode);
  const problems: Record<string, string> = {};
  if (!type) return problems;
  for (const field of type.fields) {
    const value = formData[field.key];
    if (isEmptyFieldValue(value)) {
      if (field.required) problems[field.key] = missingFieldMessage(field);
      continue;
    }
    const problem = Array.isArray(value) ? `${field.label}格式不正确` : checkFieldValue(field, value);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

/** Keys the server fills in (信息免填报) beside the type's fields; the holder sees and may correct them. */
export const applicationPrefillKeys = [
  'holderName',
  'idNumberMasked',
  'creditCode',
  'baseNumberMasked',
  'baseIssuingAuthority',
] as const;

/** A kind's own fields, asked for every type (补发: how the certificate was lost). */
export const applicationKindFieldKeys: Partial<Record<ApplicationKind, readonly string[]>> = {
  REISSUE: ['lossStatement'],
};

/**
 * Keys of `formData` that are none of the type's declared fields, the prefill keys or the
 * kind's own: a draft holds those and nothing else (a key such as `constructor` or
 * `toString` would otherwise be stored and read back as if it were a field).
 */
export function undeclaredFormKeys(
  typeCode: string,
  kind: ApplicationKind,
  formData: Record<string, unknown>,
): string[] {
  const declared = new Set<string>([
    ...(getCertificateType(typeCode)?.fields ?? []).map((f) => f.key),
    ...applicationPrefillKeys,
    ...(applicationKindFieldKeys[kind] ?? []),
  ]);
  return Object.keys(formData).filter((key) => !declared.has(key));
}

export const startApplicationRequestSchema = z.object({
  typeCode: z.enum(certificateTypeCodes),
  kind: z.enum(applicationKindList),
  baseCertificateId: z.string().max(100).optional(),
});
export type StartApplicationRequest = z.infer<typeof startApplicationRequestSchema>;

export const saveApplicationDraftRequestSchema = z.object({
  formData: applicationFormDataSchema,
  /**
   * The portrait to attach (one of the holder's accepted photos): a photo id attaches it
   * (replacing the one attached before), null detaches, absent leaves it as it is.
   */
  photoId: z.string().max(100).nullable().optional(),
});
export type SaveApplicationDraftRequest = z.infer<typeof saveApplicationDraftRequestSchema>;

export const submitApplicationRequestSchema = z.object({
  /** Chosen by the client once per submission (e.g. a UUID); a repeat returns the same application. */
  idempotencyKey: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export type SubmitApplicationRequest = z.infer<typeof submitApplicationRequestSchema>;

export const returnApplicationRequestSchema = z.object({
  /** Field → reason the holder reads (字段 → 原因); at least one. */
  reasons: z
    .record(z.string().min(1).max(60), z.string().min(1).max(200))
    .refine((r) => Object.keys(r).length > 0, { message: '请至少填写一项退回原因' }),
});
export type ReturnApplicationRequest = z.infer<typeof returnApplicationRequestSchema>;

export const rejectApplicationRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) });
export type RejectApplicationRequest = z.infer<typeof rejectApplicationRequestSchema>;

export const applicationSummarySchema = z.object({
  id: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  kind: z.enum(applicationKindList),
  kindLabel: z.string(),
  state: z.enum(applicationStateList),
  stateLabel: z.string(),
  baseCertificateId: z.string().nullable(),
  issuedCertificateId: z.string().nullable(),
  areaCode: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

export const applicationListSchema = z.object({ items: z.array(applicationSummarySchema) });
export type ApplicationList = z.infer<typeof applicationListSchema>;

const requirementItemSchema = z.object({ text: z.string(), confirmed: z.boolean() });
export const applicationRequirementsSchema = z.object({
  typeCode: z.string(),
  kind: z.enum(applicationKindList),
  documents: z.array(requirementItemSchema),
  photo: requirementItemSchema.nullable(),
  conditions: z.array(requirementItemSchema),
  fees: z.array(requirementItemSchema),
  notes: z.array(z.string()),
});

export const applicationTimelineEntrySchema = z.object({
  fromState: z.enum(applicationStateList).nullable(),
  toState: z.enum(applicationStateList),
  label: z.string(),
  actorKind: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});

/**
 * The portrait attached to an application: a short-lived signed link to the processed
 * image; for staff also to the original (review copy), each such link audited.
 */
export const applicationPhotoSchema = z.object({
  id: z.string(),
  url: z.string(),
  originalUrl: z.string().optional(),
});
export type ApplicationPhoto = z.infer<typeof applicationPhotoSchema>;

export const applicationDetailSchema = applicationSummarySchema.extend({
  formData: z.record(z.string(), z.unknown()),
  /**
   * The compliance rules (shared/src/compliance, stage 'submit') on the form as saved: shown
   * before submitting (a blocking failure refuses the submit with 422 COMPLIANCE_BLOCKED) and
   * to the reviewer. Absent on answers that do not carry it (lists).
   */
  compliance: complianceResultSchema.optional(),
  returnReasons: z.record(z.string(), z.string()).nullable(),
  rejectReason: z.string().nullable(),
  requirements: applicationRequirementsSchema,
  timeline: z.array(applicationTimelineEntrySchema),
  revision: z.number().int(),
  /** The attached portrait, or null. */
  photo: applicationPhotoSchema.nullable(),
  /**
   * Whether submitting needs a portrait attached to this application — `applicationNeedsPhoto`
   * with whether the base certificate has a portrait, which only the server knows.
   */
  photoRequired: z.boolean(),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const staffApplicationQuerySchema = z.object({
  typeCode: z.enum(certificateTypeCodes).optional(),
  kind: z.enum(applicationKindList).optional(),
  state: z.enum(applicationStateList).optional(),
  /** Only applications submitted at least this many days ago. */
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
});

export const staffApplicationSummarySchema = applicationSummarySchema.extend({
  holderName: z.string(),
  ageDays: z.number().int(),
});
export const staffApplicationListSchema = z.object({ items: z.array(staffApplicationSummarySchema) });

export const applicationDiffEntrySchema = z.object({ field: z.string(), current: z.unknown(), proposed: z.unknown() });

export const staffApplicationDetailSchema = applicationDetailSchema.extend({
  holderName: z.string(),
  /** Fields whose value in the form differs from the base certificate (empty without one). */
  diff: z.array(applicationDiffEntrySchema),
});
export type StaffApplicationDetail = z.infer<typeof staffApplicationDetailSchema>;
