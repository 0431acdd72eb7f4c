import { z } from 'zod';
import { carrierList, certificateStatusList } from '../domain/codes';
import { distinctList, isoDateSchema } from './common';

/**
 * 加注件 (shares): a purpose-limited, expiring, revocable copy of one or more certificates,
 * opened by its link without signing in. Server: server/src/modules/shares; docs/verification.md.
 */

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
    // Lower case first, so one id in two spellings counts as the repeat it is.
    certificateIds: distinctList(z.string().uuid('证照编号无效').toLowerCase(), '同一张证照只能选择一次')
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
