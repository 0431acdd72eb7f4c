import { z } from 'zod';
import { certificateTypeCodes, type CertificateTypeCode } from '../registry/type-codes';
import { getCertificateType } from '../registry/certificate-types';
import { checkFieldValue, isEmptyFieldValue, missingFieldMessage } from '../registry/field-values';

/**
 * Applications (申请) and their review: kinds, states, the legal transitions as data,
 * the one-time notice of requirements (一次性告知) per type and kind, and the DTOs.
 * docs/applications.md describes the flow.
 */

export const applicationKindList = ['INITIAL', 'CONVERSION', 'REPLACEMENT', 'REISSUE', 'CHANGE', 'RENEWAL'] as const;
export type ApplicationKind = (typeof applicationKindList)[number];
export const applicationKindLabels: Record<ApplicationKind, string> = {
  INITIAL: '申领',
  CONVERSION: '纸质/IC卡证换领电子证',
  REPLACEMENT: '换发',
  REISSUE: '补发',
  CHANGE: '变更',
  RENEWAL: '延续',
};

export const applicationStateList = [
  'DRAFT',
  'SUBMITTED',
  'IN_REVIEW',
  'APPROVED',
  'RETURNED',
  'REJECTED',
  'ISSUED',
] as const;
export type ApplicationState = (typeof applicationStateList)[number];
export const applicationStateLabels: Record<ApplicationState, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  IN_REVIEW: '审核中',
  APPROVED: '已批准',
  RETURNED: '已退回补正',
  REJECTED: '不予许可',
  ISSUED: '已发证',
};

/**
 * The legal transitions. DRAFT → SUBMITTED (holder submits); SUBMITTED → IN_REVIEW (a
 * reviewer opens it); IN_REVIEW → APPROVED / RETURNED / REJECTED (decision; a reviewer may
 * also decide straight from SUBMITTED); RETURNED → SUBMITTED (holder corrects and
 * resubmits); APPROVED → ISSUED (issuance, in the approval's transaction). REJECTED and
 * ISSUED are final.
 */
export const applicationTransitions: Record<ApplicationState, readonly ApplicationState[]> = {
  DRAFT: ['SUBMITTED'],
  SUBMITTED: ['IN_REVIEW', 'APPROVED', 'RETURNED', 'REJECTED'],
  IN_REVIEW: ['APPROVED', 'RETURNED', 'REJECTED'],
  APPROVED: ['ISSUED'],
  RETURNED: ['SUBMITTED'],
  REJECTED: [],
  ISSUED: [],
};

export function canTransition(from: ApplicationState, to: ApplicationState): boolean {
  return applicationTransitions[from].includes(to);
}

/** States in which the holder may still edit the form. */
export const editableApplicationStates: readonly ApplicationState[] = ['DRAFT', 'RETURNED'];

/** Kinds that need the certificate they act on (baseCertificateId). */
export const kindsNeedingBaseCertificate: readonly ApplicationKind[] = [
  'CONVERSION',
  'REPLACEMENT',
  'REISSUE',
  'CHANGE',
  'RENEWAL',
];

// ───────────────────────────── 一次性告知 ─────────────────────────────

export type RequirementItem = {
  text: string;
  /** False where the item is our reading, not yet confirmed against the regulation/province. */
  confirmed: boolean;
};

export type ApplicationRequirements = {
  typeCode: CertificateTypeCode;
  kind: ApplicationKind;
  documents: RequirementItem[];
  photo: RequirementItem | null;
  conditions: RequirementItem[];
  fees: RequirementItem[];
  /** Physical certificates are never asked for (实体证照免提交). */
  notes: string[];
};

const ok = (text: string): RequirementItem => ({ text, confirmed: true });
const tbc = (text: string): RequirementItem => ({ text, confirmed: false });
const NO_FEE = ok('不收取费用');
const PORTRAIT = ok('近期免冠白底证件照（在“证件照”中拍摄或上传）');
const NOTES = ['已有信息自动带出，只需核对或更正（信息免填报）', '无需提交实体证照（实体证照免提交）'];

type RequirementTable = Record<ApplicationKind, Omit<ApplicationRequirements, 'typeCode' | 'kind' | 'notes'>>;

/** 从业资格证 (道路运输从业人员从业资格证, 交通运输部令2022年第38号 as amended). */
const D071: RequirementTable = {
  INITIAL: {
    documents: [
      ok('身份证明（实名认证后自动带出）'),
      ok('机动车驾驶证（自动核验）'),
      ok('从业资格考试合格证明（自动核验）'),
      tbc('无重大以上交通责任事故记录证明（客运类，部分地区由系统核查）'),
    ],
    photo: PORTRAIT,
    conditions: [
      ok('取得相应的机动车驾驶证'),
      ok('年龄不超过60周岁'),
      ok('3年内无重大以上交通责任事故'),
      ok('客运：取得相应机动车驾驶证1年以上；货运：具有相应驾驶证'),
      tbc('危险货物运输等类别另需相应培训考试合格'),
    ],
    fees: [NO_FEE],
  },
  CONVERSION: {
    documents: [ok('原纸质或IC卡从业资格证信息（系统自动带出，无需提交实体证）')],
    photo: PORTRAIT,
    conditions: [ok('原证在有效期内且状态为有效'), ok('换领后原证标记为“已换发”')],
    fees: [NO_FEE],
  },
  REPLACEMENT: {
    documents: [ok('原从业资格证信息（系统自动带出）')],
    photo: PORTRAIT,
    conditions: [ok('原证在有效期内')],
    fees: [NO_FEE],
  },
  REISSUE: {
    documents: [ok('遗失或损毁情况说明（在线填写）')],
    photo: PORTRAIT,
    conditions: [ok('原证在有效期内')],
    fees: [NO_FEE],
  },
  CHANGE: {
    documents: [ok('变更事项证明（如驾驶证准驾车型变更，系统自动核验）')],
    photo: null,
    conditions: [ok('原证有效'), ok('变更后的准驾车型须与从业资格类别相符')],
    fees: [NO_FEE],
  },
  RENEWAL: {
    documents: [ok('原从业资格证信息（系统自动带出）'), tbc('继续教育完成记录（部分地区要求）')],
    photo: PORTRAIT,
    conditions: [
      ok('有效期届满前30日内申请延续'),
      ok('超过有效期180日未申请延续的，不予延续，须重新申领'),
      ok('诚信考核等级非不合格'),
    ],
    fees: [NO_FEE],
  },
};

/** 道路运输证 (operator's vehicle). */
const D013: RequirementTable = {
  INITIAL: {
    documents: [
      ok('机动车行驶证（系统自动核验）'),
      ok('车辆技术等级评定/综合性能检测报告'),
      tbc('卫星定位装置安装证明（重型载货汽车、半挂牵引车）'),
      ok('道路运输经营许可证（自动带出）'),
    ],
    photo: null,
    conditions: [
      ok('申请人持有有效的道路运输经营许可证'),
      ok('车辆技术性能符合国家标准'),
      tbc('车辆外廓尺寸、轴荷和质量符合GB 1589'),
    ],
    fees: [NO_FEE],
  },
  CONVERSION: {
    documents: [ok('原纸质或IC卡道路运输证信息（系统自动带出）')],
    photo: null,
    conditions: [ok('原证有效'), ok('车辆未过户、未报废')],
    fees: [NO_FEE],
  },
  REPLACEMENT: {
    documents: [ok('原道路运输证信息（系统自动带出）')],
    photo: null,
    conditions: [ok('原证有效')],
    fees: [NO_FEE],
  },
  REISSUE: {
    documents: [ok('遗失或损毁情况说明（在线填写）')],
    photo: null,
    conditions: [ok('原证有效')],
    fees: [NO_FEE],
  },
  CHANGE: {
    documents: [ok('变更事项证明（如车辆技术参数、经营范围变更）')],
    photo: null,
    conditions: [ok('原证有效'), ok('经营许可证的经营范围涵盖变更后内容')],
    fees: [NO_FEE],
  },
  RENEWAL: {
    documents: [tbc('车辆年度审验记录')],
    photo: null,
    conditions: [tbc('按省级规定办理年审或换证')],
    fees: [NO_FEE],
  },
};

/** A reasonable generic list for the types whose specifics are not yet written down (all unconfirmed). */
function generic(personal: boolean): RequirementTable {
  const photo = personal ? PORTRAIT : null;
  return {
    INITIAL: {
      documents: [tbc('申请人身份或主体资格证明（自动带出）'), tbc('按该证照办理规定需提交的材料')],
      photo,
      conditions: [tbc('符合该证照的许可条件')],
      fees: [tbc('不收取费用')],
    },
    CONVERSION: {
      documents: [tbc('原纸质或IC卡证照信息（系统自动带出）')],
      photo,
      conditions: [ok('原证有效')],
      fees: [tbc('不收取费用')],
    },
    REPLACEMENT: {
      documents: [tbc('原证照信息（系统自动带出）')],
      photo,
      conditions: [tbc('原证有效')],
      fees: [tbc('不收取费用')],
    },
    REISSUE: {
      documents: [tbc('遗失或损毁情况说明')],
      photo,
      conditions: [tbc('原证有效')],
      fees: [tbc('不收取费用')],
    },
    CHANGE: { documents: [tbc('变更事项证明')], photo, conditions: [tbc('原证有效')], fees: [tbc('不收取费用')] },
    RENEWAL: {
      documents: [tbc('原证照信息（系统自动带出）')],
      photo,
      conditions: [tbc('在有效期届满前按规定申请延续')],
      fees: [tbc('不收取费用')],
    },
  };
}

const PERSONAL_TYPES: readonly CertificateTypeCode[] = ['D071', 'D075', 'D072'];

export const applicationRequirementTables: Record<CertificateTypeCode, RequirementTable> = Object.fromEntries(
  certificateTypeCodes.map((code) => [
    code,
    code === 'D071' ? D071 : code === 'D013' ? D013 : generic(PERSONAL_TYPES.includes(code)),
  ]),
) as Record<CertificateTypeCode, RequirementTable>;

/** The complete list of requirements for one type and kind (一次性告知). */
export function applicationRequirements(typeCode: CertificateTypeCode, kind: ApplicationKind): ApplicationRequirements {
  return { typeCode, kind, ...applicationRequirementTables[typeCode][kind], notes: NOTES };
}

/** 从业资格证 cannot be renewed more than this many days after expiry (只能重新申领). */
export const QUALIFICATION_RENEWAL_LAPSE_DAYS = 180;

// ───────────────────────────── DTOs ─────────────────────────────

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

/**
 * Whether submitting needs a portrait attached to the application: the type has a photo
 * spec, the kind's 一次性告知 lists a photo, and there is no current portrait to carry
 * over — a base certificate's portrait counts except for 申领 (INITIAL), which asks for
 * a recent photo. docs/applications.md, "Photo".
 */
export function applicationNeedsPhoto(
  typeCode: CertificateTypeCode,
  kind: ApplicationKind,
  baseHasPortrait: boolean,
): boolean {
  if (getCertificateType(typeCode)?.photo == null) return false;
  if (applicationRequirements(typeCode, kind).photo === null) return false;
  return kind === 'INITIAL' || !baseHasPortrait;
}

/** The message for the missing portrait (field key `photoId`). */
export const APPLICATION_PHOTO_MISSING_MESSAGE = '请上传近期免冠白底证件照';

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
