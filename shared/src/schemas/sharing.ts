import { z } from 'zod';
import { carrierList, certificateStatusList } from '../domain/codes';
import { certificateTypeCodeSchema } from '../registry/type-codes';
import { getCertificateType } from '../registry/certificate-types';
import { normaliseCode } from '../validators/normalise';
import { validateCitizenId } from '../validators/citizen-id';
import { normalisePlateNumber, validatePlateNumber } from '../validators/plate-number';
import { isoDateSchema } from './common';
import { verifyVerdictList } from './presentation';

/**
 * Lookup without the e-certificate, the partner API, 加注件 (shares) and the usage log
 * (用证记录). Server: server/src/modules/{lookup,partners,shares,usage}; docs/verification.md.
 */

// ───────────────────────────── vocabularies ─────────────────────────────

/** How a certificate was checked (Prisma enum VerificationChannel), as the holder reads it. */
export const verificationChannels = {
  QR_PORTAL: { label: '扫码核验（网页）' },
  QR_MINIAPP: { label: '扫码核验（小程序）' },
  QR_OFFLINE_SYNC: { label: '离线扫码核验' },
  LOOKUP: { label: '凭证号查询' },
  PARTNER_API: { label: '合作机构接口核验' },
  SHARE_OPEN: { label: '加注件被查看' },
} as const;
export type VerificationChannel = keyof typeof verificationChannels;
export const verificationChannelList = Object.keys(verificationChannels) as [
  VerificationChannel,
  ...VerificationChannel[],
];

/**
 * Names of the certificate-face fields a verifier was shown. Only these names are
 * recorded in the usage log, never the values. Unknown names are shown as they are.
 */
export const faceFieldLabels = {
  type: '证照类型',
  status: '证照状态',
  validity: '有效期',
  validFrom: '有效期起始日期',
  validUntil: '有效期截止日期',
  details: '证面详细信息（类别、车辆、经营范围等）',
  carrier: '证照载体',
  numberMasked: '证号（部分隐藏）',
  holderNameMasked: '持证人（部分隐藏）',
  holderName: '持证人名称',
  issuingAuthority: '发证机关',
  plateNumber: '车辆号牌',
  vehicle: '车辆信息（类型、吨位、尺寸）',
  businessScope: '经营范围',
  qualification: '从业资格类别、准驾车型',
  photo: '证件照',
  replacement: '换发情况',
  operatorDetails: '业户信息（经济类型、地址、法定代表人等）',
  otherDetails: '其他证面信息',
} as const;
export type FaceFieldName = keyof typeof faceFieldLabels;

/** Chinese label of a field name; an unknown name is returned unchanged. */
export const faceFieldLabel = (name: string): string => (faceFieldLabels as Record<string, string>)[name] ?? name;

/** Outcome of one check as stored in the usage log (VerificationEvent.result). */
export const verificationResults = {
  VALID: { label: '有效' },
  NOT_VALID: { label: '无效' },
  TOKEN_EXPIRED: { label: '二维码已过期' },
  NOT_YET_VALID: { label: '二维码时间异常' },
  UNKNOWN_KEY: { label: '无法识别的签发密钥' },
  INVALID: { label: '二维码无效' },
  OPENED: { label: '已查看' },
} as const;
export type VerificationResult = keyof typeof verificationResults;

// ───────────────────────────── lookup (public) ─────────────────────────────

/** Number of characters accepted for a number, a name, a plate (before format checks). */
const numberInput = z.string().trim().min(1, '请输入证号').max(60, '证号过长');
const nameInput = z.string().trim().min(1, '请输入持证人姓名或业户名称').max(100, '姓名或名称过长');
const plateInput = z.string().trim().min(1).max(12, '车牌号过长');

/**
 * `POST /api/v1/lookup` and `POST /api/v1/partner/check`: a certificate by its number and
 * its holder's exact name (+ the plate for 运输证). Paper and IC numbers work too.
 */
export const lookupRequestSchema = z.object({
  typeCode: certificateTypeCodeSchema,
  number: numberInput,
  name: nameInput,
  plate: plateInput.optional(),
});
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

/** Lookup limits (sliding windows). Per number they stop guessing the name for a known number. */
export const lookupLimits = {
  perIpPerMinute: 10,
  perIpPerDay: 200,
  perNumberPerHour: 10,
  perNumberPerDay: 30,
} as const;

/** The checked lookup input: canonical number and plate, or per-field Chinese messages. */
export type LookupInputCheck =
  | { ok: true; number: string; name: string; plate: string | null; personal: boolean }
  | { ok: false; fields: Record<string, string> };

/**
 * Format and check-digit checks before anything is looked up (client and server use the
 * same): an 18-character number on a person's certificate must be a valid 公民身份号码, other
 * numbers must fit the type's format; 运输证 need the plate.
 */
export function checkLookupInput(input: LookupRequest): LookupInputCheck {
  const type = getCertificateType(input.typeCode);
  if (!type) return { ok: false, fields: { typeCode: '请选择证照类型' } };
  const fields: Record<string, string> = {};
  let number = normaliseCode(input.number);
  const personal = type.holderKind === 'PERSON';
  if (personal && /^\d{17}[\dX]$/.test(number)) {
    const id = validateCitizenId(number);
    if (!id.ok) fields.number = `证号与身份证号码相同时须为有效号码：${id.message}`;
    else number = id.value;
  } else if (!type.numberFormat.pattern.test(number)) {
    fields.number = `${type.shortName}证号格式不正确，${type.numberFormat.description}`;
  }
  const name = input.name.trim().replace(/\s+/g, '');
  if (name.length === 0) fields.name = '请输入持证人姓名或业户名称';
  let plate: string | null = null;
  if (type.plateRequired) {
    if (!input.plate) fields.plate = '车辆证照请填写车牌号';
    else {
      const checked = validatePlateNumber(input.plate);
      if (!checked.ok) fields.plate = checked.message;
      else plate = checked.value.plate;
    }
  } else if (input.plate) {
    plate = normalisePlateNumber(input.plate);
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, number, name, plate, personal };
}

/**
 * Status and validity only. `found: false` is the one answer for "no such number" and
 * "wrong name", so the lookup cannot be used to find out who holds a number.
 */
export const lookupResultSchema = z.object({
  found: z.boolean(),
  typeCode: certificateTypeCodeSchema,
  typeName: z.string(),
  status: z.enum(certificateStatusList).nullable(),
  statusLabel: z.string().nullable(),
  /** True when the status is VALID and today is within the validity. */
  valid: z.boolean(),
  carrier: z.enum(carrierList).nullable(),
  validFrom: isoDateSchema.nullable(),
  /** null with found = true: 长期. */
  validUntil: isoDateSchema.nullable(),
  /** A paper/IC certificate replaced by an electronic one: 已换发电子证照 (nothing about the new one). */
  replacedByElectronic: z.boolean(),
  /** One sentence for people, in Chinese. */
  message: z.string(),
  checkedAt: z.string().describe('ISO 8601 timestamp'),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;

// ───────────────────────────── partner API ─────────────────────────────

/** Partner organisations (Prisma enum PartnerKind). */
export const partnerKinds = {
  ENFORCEMENT: { label: '执法部门' },
  SHIPPER: { label: '托运人' },
  FREIGHT_PLATFORM: { label: '网络货运平台' },
  EMPLOYER: { label: '用人单位' },
  INSURER: { label: '保险机构' },
} as const;
export type PartnerKind = keyof typeof partnerKinds;
export const partnerKindList = Object.keys(partnerKinds) as [PartnerKind, ...PartnerKind[]];

/**
 * Partner API key scopes. `verify` and `check` open the two endpoints; `fields:*` decide
 * which parts of the certificate face come back (status and validity always do).
 */
export const partnerScopes = {
  verify: '核验动态二维码（POST /api/v1/partner/verify）',
  check: '凭证号和姓名核查（POST /api/v1/partner/check）',
  'fields:basic': '证号（部分隐藏）、发证机关、证照载体',
  'fields:holder': '持证人名称（个人姓名部分隐藏）',
  'fields:qualification': '从业资格类别、准驾车型',
  'fields:vehicle': '车辆号牌、车辆类型、吨(座)位、尺寸、经营范围',
} as const;
export type PartnerScope = keyof typeof partnerScopes;
export const partnerScopeList = Object.keys(partnerScopes) as [PartnerScope, ...PartnerScope[]];

/** The certificate as a partner sees it: always type/status/validity, the rest per scope. */
export const partnerCertificateViewSchema = z.object({
  typeCode: certificateTypeCodeSchema,
  typeName: z.string(),
  status: z.enum(certificateStatusList),
  statusLabel: z.string(),
  valid: z.boolean(),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema.nullable(),
  replacedByElectronic: z.boolean(),
  /** fields:basic */
  numberMasked: z.string().optional(),
  issuingAuthority: z.string().optional(),
  carrier: z.enum(carrierList).optional(),
  /** fields:holder — operator names in full, people's names masked (张*). */
  holderName: z.string().optional(),
  /** fields:qualification (从业资格证 types). */
  qualification: z.object({ categories: z.array(z.string()), licenceClasses: z.string().nullable() }).optional(),
  /** fields:vehicle (运输证 types). */
  vehicle: z
    .object({
      plateNumber: z.string(),
      plateColour: z.string().nullable(),
      vehicleType: z.string().nullable(),
      capacity: z.string().nullable(),
      dimensions: z.string().nullable(),
      businessScope: z.array(z.string()),
    })
    .optional(),
});
export type PartnerCertificateView = z.infer<typeof partnerCertificateViewSchema>;

export const partnerCheckRequestSchema = lookupRequestSchema;
export type PartnerCheckRequest = LookupRequest;

export const partnerCheckResponseSchema = z.object({
  matched: z.boolean(),
  certificate: partnerCertificateViewSchema.nullable(),
  /** Names of the fields returned (also what the holder's usage log records). */
  fieldsShown: z.array(z.string()),
  checkedAt: z.string(),
});
export type PartnerCheckResponse = z.infer<typeof partnerCheckResponseSchema>;

export const partnerVerifyRequestSchema = z.object({ token: z.string().min(1).max(2000) });
export type PartnerVerifyRequest = z.infer<typeof partnerVerifyRequestSchema>;

export const partnerVerifyResponseSchema = z.object({
  verdict: z.enum(verifyVerdictList),
  /** Chinese reason for anything but VALID. */
  reason: z.string().nullable(),
  certificate: partnerCertificateViewSchema.nullable(),
  fieldsShown: z.array(z.string()),
  checkedAt: z.string(),
});
export type PartnerVerifyResponse = z.infer<typeof partnerVerifyResponseSchema>;

// ───────────────────────────── 加注件 (shares) ─────────────────────────────

/** 事由 of a share. OTHER needs a purposeText. */
export const sharePurposes = {
  RECRUITMENT: { label: '招聘' },
  TRANSPORT_CONTRACT: { label: '运输合同' },
  E_WAYBILL: { label: '电子运单' },
  INSURANCE: { label: '保险' },
  OTHER: { label: '其他' },
} as const;
export type SharePurpose = keyof typeof sharePurposes;
export const sharePurposeList = Object.keys(sharePurposes) as [SharePurpose, ...SharePurpose[]];

export const shareLimits = {
  /** A share lasts at most this long. */
  maxDays: 90,
  /** Certificates in one share (an operator's licence + its fleet). */
  maxCertificates: 200,
  purposeTextMax: 100,
  recipientNameMax: 100,
} as const;

export const shareCreateRequestSchema = z
  .object({
    certificateIds: z
      .array(z.string().uuid('证照编号无效'))
      .min(1, '请选择要分享的证照')
      .max(shareLimits.maxCertificates, `一次最多分享${shareLimits.maxCertificates}张证照`),
    purposeCode: z.enum(sharePurposeList, { message: '请选择分享事由' }),
    purposeText: z
      .string()
      .trim()
      .max(shareLimits.purposeTextMax, `事由说明不能超过${shareLimits.purposeTextMax}字`)
      .optional(),
    recipientName: z
      .string()
      .trim()
      .max(shareLimits.recipientNameMax, `接收方名称不能超过${shareLimits.recipientNameMax}字`)
      .optional(),
    /** ISO 8601; in the future and at most shareLimits.maxDays away (the server checks against its clock). */
    expiresAt: z.string().datetime({ offset: true, message: '有效期格式不正确' }),
  })
  .refine((v) => v.purposeCode !== 'OTHER' || (v.purposeText ?? '').length > 0, {
    message: '事由为“其他”时请填写说明',
    path: ['purposeText'],
  });
export type ShareCreateRequest = z.infer<typeof shareCreateRequestSchema>;

export const shareStateList = ['ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type ShareState = (typeof shareStateList)[number];

export const shareCertificateRefSchema = z.object({
  id: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  numberMasked: z.string(),
  plateNumber: z.string().nullable(),
});

export const shareSummarySchema = z.object({
  id: z.string(),
  purposeCode: z.enum(sharePurposeList),
  purposeLabel: z.string(),
  purposeText: z.string(),
  recipientName: z.string().nullable(),
  watermarkText: z.string(),
  /** Whose certificates: the caller's own (null) or the operator's name. */
  operatorName: z.string().nullable(),
  state: z.enum(shareStateList),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  openCount: z.number().int().nonnegative(),
  lastOpenedAt: z.string().nullable(),
  certificates: z.array(shareCertificateRefSchema),
});
export type ShareSummary = z.infer<typeof shareSummarySchema>;

export const shareCreatedSchema = z.object({
  share: shareSummarySchema,
  /** `${PUBLIC_BASE_URL}/s/<secret>`: shown once; only its hash is stored. */
  link: z.string(),
  /** The text to put into a QR code (the link). */
  qrText: z.string(),
});
export type ShareCreated = z.infer<typeof shareCreatedSchema>;

export const shareListSchema = z.object({ items: z.array(shareSummarySchema) });
export type ShareList = z.infer<typeof shareListSchema>;

/** One certificate face in an opened share: what a shipper needs, personal numbers masked, no photo. */
export const sharedCertificateFaceSchema = z.object({
  typeCode: z.string(),
  typeName: z.string(),
  numberMasked: z.string(),
  holderName: z.string().describe('Operator names in full, people masked'),
  status: z.enum(certificateStatusList),
  statusLabel: z.string(),
  valid: z.boolean(),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema.nullable(),
  issuingAuthority: z.string(),
  carrier: z.enum(carrierList),
  plateNumber: z.string().nullable(),
  /** Per-type details (车辆类型, 吨位, 经营范围, 从业资格类别 …) as label/value pairs. */
  details: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type SharedCertificateFace = z.infer<typeof sharedCertificateFaceSchema>;

/** `GET /api/v1/shares/:secret` (public). Expired: 410 SHARE_EXPIRED; revoked: 410 SHARE_REVOKED. */
export const sharedViewSchema = z.object({
  purposeCode: z.enum(sharePurposeList),
  purposeLabel: z.string(),
  purposeText: z.string(),
  recipientName: z.string().nullable(),
  /** Draw it across every face: 事由 + 有效期 + 接收方. */
  watermarkText: z.string(),
  expiresAt: z.string(),
  sharedBy: z.string().describe('Holder name as on the faces (operator in full, people masked)'),
  certificates: z.array(sharedCertificateFaceSchema),
  openedAt: z.string(),
});
export type SharedView = z.infer<typeof sharedViewSchema>;

// ───────────────────────────── 用证记录 (usage log) ─────────────────────────────

export const usageQuerySchema = z.object({
  /** One reachable certificate; left out: every certificate the caller may see (holder's own and operators'). */
  certificateId: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type UsageQuery = z.input<typeof usageQuerySchema>;

export const usageItemSchema = z.object({
  id: z.string(),
  /** Which certificate was used (the list of all certificates mixes them). */
  certificateId: z.string(),
  at: z.string(),
  channel: z.enum(verificationChannelList),
  channelLabel: z.string(),
  /** anonymous, inspector, staff, partner:<KIND>, share-recipient … */
  verifierRole: z.string(),
  /** Who, for people: 匿名扫码者, 执法人员, the partner's name, the share's recipient. */
  verifierLabel: z.string(),
  partnerName: z.string().nullable(),
  shareId: z.string().nullable(),
  result: z.string(),
  resultLabel: z.string(),
  /** Field names only (see faceFieldLabels), never values. */
  fieldsShown: z.array(z.string()),
  fieldsShownLabels: z.array(z.string()),
});
export type UsageItem = z.infer<typeof usageItemSchema>;

export const usagePageSchema = z.object({
  items: z.array(usageItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type UsagePage = z.infer<typeof usagePageSchema>;
