import { z } from 'zod';
import { carrierList, certificateStatusList } from '../domain/codes';
import { certificateTypeCodeSchema } from '../registry/type-codes';
import { isoDateSchema } from './common';
import { lookupRequestSchema, type LookupRequest } from './lookup';
import { verifyVerdictList } from './presentation';

/**
 * The partner API (合作机构接口): partner kinds, key scopes and the two endpoints, check
 * (number + name, as the public lookup) and verify (a dynamic QR token). Server:
 * server/src/modules/partners; docs/verification.md.
 */

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
