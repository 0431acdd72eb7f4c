import { z } from 'zod';
import { holderKindList } from '../domain/codes';

/**
 * Sign-in and sessions: portal phone + SMS code, mini-program WeChat login, authority
 * staff password + TOTP. Access tokens are short-lived; refresh tokens rotate and can
 * be revoked per device.
 */

/** Mainland mobile number, 11 digits. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入正确的11位手机号码');
export const smsCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '请输入6位数字验证码');

export const SMS_CODE_TTL_SECONDS = 300;
/** Per phone number; per IP limits are the server's. */
export const smsSendLimits = { perMinute: 1, perHour: 5, perDay: 10 } as const;

export const devicePlatformList = ['h5', 'weapp'] as const;
export const deviceSchema = z.object({
  platform: z.enum(devicePlatformList),
  /** e.g. "微信小程序 · Android", shown in the device list. */
  label: z.string().trim().max(60).optional(),
});

export const smsCodeRequestSchema = z.object({ phone: phoneSchema });
export const smsCodeSentSchema = z.object({
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
  /** `console` = the local stand-in: the message is in the local SMS outbox, not sent. */
  deliveredBy: z.enum(['console', 'aliyun']),
});

export const smsLoginSchema = z.object({ phone: phoneSchema, code: smsCodeSchema, device: deviceSchema });
export const wechatLoginSchema = z.object({ code: z.string().min(1).max(128), device: deviceSchema });
/** Code from the mini-program's getPhoneNumber button (手机号快速验证). */
export const wechatPhoneSchema = z.object({ code: z.string().min(1).max(128) });
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(20).max(200) });

export const operatorRoleList = ['LEGAL_REPRESENTATIVE', 'MANAGER', 'VIEWER'] as const;
export type OperatorRole = (typeof operatorRoleList)[number];
export const operatorRoleLabels: Record<OperatorRole, string> = {
  LEGAL_REPRESENTATIVE: '法定代表人',
  MANAGER: '经办人（可办理）',
  VIEWER: '查看人员',
};

export const consentKindList = ['PRIVACY_POLICY', 'ID_NUMBER', 'FACE_DATA', 'SMS_REMINDERS'] as const;
export type ConsentKind = (typeof consentKindList)[number];

/** The signed-in account: who it is bound to and what it may do next. */
export const accountProfileSchema = z.object({
  id: z.string(),
  phoneMasked: z.string().nullable(),
  /** Bound holder after real-name binding; null before. */
  holder: z
    .object({
      id: z.string(),
      kind: z.enum(holderKindList),
      nameMasked: z.string(),
      /** PERSON: the citizen ID number masked (4401**********8910); null for an OPERATOR. */
      idNumberMasked: z.string().nullable(),
    })
    .nullable(),
  operators: z.array(z.object({ operatorId: z.string(), name: z.string(), role: z.enum(operatorRoleList) })),
  consents: z.array(z.object({ kind: z.enum(consentKindList), textVersion: z.string() })),
  /** Until when a passed face verification allows activation; null if none is fresh. */
  faceVerifiedUntil: z.string().nullable(),
});
export type AccountProfile = z.infer<typeof accountProfileSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
  account: accountProfileSchema,
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const deviceSessionSchema = z.object({
  id: z.string(),
  platform: z.string(),
  deviceLabel: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export const deviceSessionListSchema = z.object({ items: z.array(deviceSessionSchema) });
export type DeviceSession = z.infer<typeof deviceSessionSchema>;
/** Sign-out (this device, one device, everywhere): how many sessions ended. */
export const sessionsRevokedSchema = z.object({ revoked: z.number().int() });

// ── authority staff ──
export const staffRoleList = ['REVIEWER', 'DATA_STEWARD', 'ADMIN'] as const;
export const staffRoleLabels: Record<(typeof staffRoleList)[number], string> = {
  REVIEWER: '审核员',
  DATA_STEWARD: '数据管理员',
  ADMIN: '系统管理员',
};
export const staffLoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const staffChallengeSchema = z.object({ challengeId: z.string(), secondFactor: z.literal('TOTP') });
export const staffVerifySchema = z.object({ challengeId: z.string().min(1).max(100), code: smsCodeSchema });
export const staffProfileSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(staffRoleList)),
  regionCode: z.string(),
});
export const staffTokenSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  staff: staffProfileSchema,
});

// ── local SMS outbox (console stand-in, embedded mode only) ──
export const consoleSmsListSchema = z.object({
  standIn: z.literal(true),
  items: z.array(z.object({ phoneMasked: z.string(), text: z.string(), createdAt: z.string() })),
});
