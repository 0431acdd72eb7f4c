import { z } from 'zod';
import { validateCitizenId } from '../validators/citizen-id';
import { validateSocialCreditCode } from '../validators/social-credit-code';
import { consentKindList, operatorRoleList, phoneSchema } from './auth';
import { certificateSummarySchema } from './certificate';

/** Real-name binding, PIPL consent, face verification, activation, operator staff. */

/** Versioned consent texts; a new version means asking again. */
export const consentTexts = {
  PRIVACY_POLICY: {
    version: '2026-11-27',
    title: '隐私政策',
    summary: '我们仅为办理和出示道路运输电子证照处理您的个人信息，不向无关第三方提供。',
  },
  ID_NUMBER: {
    version: '2026-11-27',
    title: '身份证号码处理授权',
    summary: '您的身份证号码将用于核对持证人信息，加密存储，页面仅显示脱敏号码。',
  },
  FACE_DATA: {
    version: '2026-11-27',
    title: '人脸信息处理单独同意',
    summary: '人脸信息属于敏感个人信息，仅用于本次实人核验，由核验服务方处理，本系统不保存人脸图像。',
  },
  SMS_REMINDERS: {
    version: '2026-11-27',
    title: '短信提醒',
    summary: '证照到期、年审等提醒将以短信发送，可随时退订。',
  },
} as const satisfies Record<(typeof consentKindList)[number], { version: string; title: string; summary: string }>;

export const consentGrantSchema = z.object({ kind: z.enum(consentKindList), textVersion: z.string().min(1).max(20) });
/** What each step needs: binding needs ID_NUMBER + PRIVACY_POLICY, face verification FACE_DATA. */
export const consentsRequiredFor = {
  realNameBinding: ['PRIVACY_POLICY', 'ID_NUMBER'],
  faceVerification: ['FACE_DATA'],
} as const satisfies Record<string, readonly (typeof consentKindList)[number][]>;

/** Real-name (and operator) matching: failures per account before a lock, and its length. */
export const realNameLimits = { maxFailures: 5, windowHours: 24, lockHours: 24 } as const;

const chineseName = z
  .string()
  .trim()
  .min(2, '请输入姓名')
  .max(30, '姓名过长')
  .regex(/^[\u4e00-\u9fa5·•]+$/, '请输入中文姓名');
const citizenIdInput = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const r = validateCitizenId(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  })
  .transform((v) => v.toUpperCase());

export const realNameBindSchema = z.object({ name: chineseName, idNumber: citizenIdInput });

export const faceVerificationStartedSchema = z.object({
  verificationId: z.string(),
  provider: z.enum(['wechat', 'local-stand-in']),
  /** True when the local stand-in (not a real face check) is configured. */
  standIn: z.boolean(),
});
/** From wx.startFacialRecognitionVerify (mini-program); the stand-in takes `{ standInOutcome }`. */
export const faceVerificationCompleteSchema = z.object({
  verifyResult: z.string().max(512).optional(),
  standInOutcome: z.enum(['pass', 'fail']).optional(),
});
export const faceVerificationResultSchema = z.object({
  passed: z.boolean(),
  validUntil: z.string().nullable(),
  /** True when the result came from the local stand-in, not a real face check. */
  standIn: z.boolean().optional(),
});

export const certificateEventSchema = z.object({ kind: z.string(), at: z.string(), actor: z.string() });
export const certificateDetailSchema = certificateSummarySchema.extend({
  holderNameMasked: z.string(),
  identifier: z.string().nullable(),
  events: z.array(certificateEventSchema),
});
export type CertificateDetail = z.infer<typeof certificateDetailSchema>;

const creditCodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateSocialCreditCode(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });
export const operatorActivateSchema = z.object({
  creditCode: creditCodeInput,
  legalRepName: chineseName,
  legalRepIdNumber: citizenIdInput,
});

export const operatorMemberSchema = z.object({
  id: z.string(),
  phoneMasked: z.string().nullable(),
  nameMasked: z.string().nullable(),
  role: z.enum(operatorRoleList),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const operatorMemberListSchema = z.object({ items: z.array(operatorMemberSchema) });
export const operatorMemberAddSchema = z.object({ phone: phoneSchema, role: z.enum(['MANAGER', 'VIEWER']) });
