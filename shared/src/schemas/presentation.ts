import { z } from 'zod';
import { carrierList, certificateStatusList } from '../domain/codes';
import { isoDateSchema } from './common';

/**
 * Presentation (亮证) and verification (核验) contracts: the holder's token batch, the
 * verify endpoint, the key list, the status list and staff status changes.
 * The token format itself is in docs/presentation-token.md; the codec lives in
 * `@roadcert/shared/presentation` (kept out of this index so the main package carries no crypto).
 */

/** Signature algorithms a token or list may carry (`alg` byte 1 = SM2-SM3, 2 = Ed25519). */
export const presentationAlgList = ['SM2-SM3', 'Ed25519'] as const;
export type PresentationAlg = (typeof presentationAlgList)[number];

/** ISO 8601 instant (UTC, e.g. 2026-11-27T10:00:00.000Z). */
const instantSchema = z.string().datetime({ offset: true });

/** Verdict of one verification; the client chooses colour and wording from it, `reason` is the Chinese text. */
export const verifyVerdictList = [
  'VALID',
  'NOT_VALID',
  'TOKEN_EXPIRED',
  'NOT_YET_VALID',
  'UNKNOWN_KEY',
  'INVALID',
] as const;
export type VerifyVerdict = (typeof verifyVerdictList)[number];

/** Who is looking: anonymous (any camera), signed-in staff / inspector, or a partner (P2). */
export const verifierScopeList = ['anonymous', 'staff', 'partner'] as const;
export type VerifierScope = (typeof verifierScopeList)[number];

// ─────────────────────────── holder: token batch ───────────────────────────

export const presentationQuerySchema = z.object({
  /** Hours of tokens to fetch ahead for offline use; default PRESENTATION_BATCH_HOURS (24), capped at PRESENTATION_BATCH_MAX_HOURS. */
  hours: z.coerce.number().int().min(1, '至少获取1小时').max(168, '最多获取168小时').optional(),
});
export type PresentationQuery = z.infer<typeof presentationQuerySchema>;

/** The certificate face on the holder's own screen (it is the holder's own data, number still masked). */
export const presentationFaceSchema = z.object({
  certificateId: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  holderName: z.string(),
  holderNameMasked: z.string(),
  numberMasked: z.string(),
  carrier: z.enum(carrierList),
  status: z.enum(certificateStatusList),
  statusLabel: z.string(),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema.nullable(),
  issuingAuthority: z.string(),
  plateNumber: z.string().nullable(),
  /** e.g. 从业资格类别 / 经营范围, from the registry's extension fields (label → value). */
  details: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Signed, short-lived URL of the portrait (null when none). */
  photoUrl: z.string().nullable(),
});
export type PresentationFace = z.infer<typeof presentationFaceSchema>;

/**
 * One interval of the holder's material (token version 2): the anchor the service signed
 * once for it and the chain seed, from which the phone derives each window's token
 * (`heldQrAt` in `@roadcert/shared/presentation/chain`).
 */
export const presentationIntervalSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  /** base64url(anchor body ‖ 64-byte signature), docs/presentation-token.md. */
  anchor: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .max(400),
  /** base64url of the 16-byte chain seed w_n: keep it like a password, it makes every QR of the interval. */
  seed: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});
export type PresentationInterval = z.infer<typeof presentationIntervalSchema>;

export const presentationBatchSchema = z.object({
  /** Token version the material makes. */
  version: z.literal(2),
  face: presentationFaceSchema,
  /** QR text = `${qrBaseUrl}/v/<token as decimal digits>` (PUBLIC_BASE_URL). */
  qrBaseUrl: z.string(),
  intervals: z.array(presentationIntervalSchema),
  /** Seconds each token is valid (PRESENTATION_TOKEN_WINDOW_SECONDS). */
  windowSeconds: z.number().int().positive(),
  generatedAt: instantSchema,
  alg: z.enum(presentationAlgList),
  kid: z.string(),
});
export type PresentationBatch = z.infer<typeof presentationBatchSchema>;

// ─────────────────────────── verify ───────────────────────────

export const verifyRequestSchema = z.object({
  /** The token as decimal digits (the part after /v/), or the whole QR text. */
  token: z.string().trim().min(1, '请提供核验码').max(1000, '核验码过长'),
  /** Where the scan came from (default QR_PORTAL). */
  channel: z.enum(['QR_PORTAL', 'QR_MINIAPP']).optional(),
});
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

/**
 * The certificate as a verifier sees it. Anonymous viewers get the minimal masked face
 * (type, masked name, masked number, validity end, status); staff get the rest.
 * `fieldsShown` in the result names exactly the fields present.
 */
export const verifiedCertificateSchema = z.object({
  typeCode: z.string(),
  typeName: z.string(),
  holderNameMasked: z.string(),
  numberMasked: z.string(),
  validUntil: isoDateSchema.nullable(),
  status: z.enum(certificateStatusList),
  statusLabel: z.string(),
  // wider views only
  certificateId: z.string().optional(),
  holderName: z.string().optional(),
  validFrom: isoDateSchema.optional(),
  issuingAuthority: z.string().optional(),
  plateNumber: z.string().nullable().optional(),
  details: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  photoUrl: z.string().nullable().optional(),
});
export type VerifiedCertificate = z.infer<typeof verifiedCertificateSchema>;

export const verifyResultSchema = z.object({
  verdict: z.enum(verifyVerdictList),
  /** Chinese sentence for people, e.g. 证照已吊销 / 核验码已过期，请让持证人刷新 / 请检查手机时间. */
  reason: z.string(),
  /** Null when the token could not be trusted (INVALID, UNKNOWN_KEY) or the certificate is gone. */
  certificate: verifiedCertificateSchema.nullable(),
  fieldsShown: z.array(z.string()),
  scope: z.enum(verifierScopeList),
  checkedAt: instantSchema,
  /** What the token said about itself (only when its signature verified). */
  token: z
    .object({ kid: z.string(), alg: z.enum(presentationAlgList), notBefore: instantSchema, notAfter: instantSchema })
    .nullable(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

// ─────────────────────────── key list and status list ───────────────────────────

export const publishedKeySchema = z.object({
  kid: z.string(),
  alg: z.enum(presentationAlgList),
  /** Hex. SM2: uncompressed point 04‖x‖y (65 bytes); Ed25519: 32 bytes. */
  publicKey: z.string(),
  /** SM2 only: the user id that goes into Z_A (the standard default 1234567812345678). */
  userId: z.string().optional(),
  notBefore: instantSchema,
  /** No new signatures after this. */
  retiredAt: instantSchema.nullable(),
  /** Verifiers accept its signatures until this instant (last token's notAfter + skew); null while active. */
  verifyUntil: instantSchema.nullable(),
});
export type PublishedKey = z.infer<typeof publishedKeySchema>;

export const keyListSchema = z.object({
  issuer: z.string(),
  keys: z.array(publishedKeySchema),
  /** Seconds a client may cache this list. */
  ttlSeconds: z.number().int().positive(),
  /** Clock skew verifiers should tolerate on token windows. */
  clockSkewSeconds: z.number().int().nonnegative(),
});
export type KeyList = z.infer<typeof keyListSchema>;

/** Two bits per status index. Unused indexes are 0, so the list says nothing about how many certificates exist. */
export const statusListValues = { VALID: 0, REVOKED: 1, SUSPENDED: 2, OTHER_NOT_VALID: 3 } as const;

export const statusListSchema = z.object({
  issuedAt: instantSchema,
  ttlSeconds: z.number().int().positive(),
  /** Number of entries (≥ 131,072). */
  size: z.number().int().positive(),
  bitsPerEntry: z.literal(2),
  /** base64url of the gzip (RFC 1952) of the bitstring; entry i occupies bits 2i..2i+1, most significant first. */
  encodedList: z.string(),
  kid: z.string(),
  alg: z.enum(presentationAlgList),
  /** Hex raw signature over statusListSigningInput(...) from `@roadcert/shared/presentation`. */
  signature: z.string(),
});
export type StatusList = z.infer<typeof statusListSchema>;

// ─────────────────────────── staff: certificate status ───────────────────────────

export const staffCertificateQuerySchema = z.object({
  number: z.string().trim().toUpperCase().min(4, '请输入证照号码').max(64, '证照号码过长'),
});

export const staffCertificateSchema = z.object({
  id: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  numberMasked: z.string(),
  holderNameMasked: z.string(),
  carrier: z.enum(carrierList),
  status: z.enum(certificateStatusList),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  validUntil: isoDateSchema.nullable(),
  areaCode: z.string(),
  issuingAuthority: z.string(),
  activated: z.boolean(),
  presentationEpoch: z.number().int(),
});
export type StaffCertificate = z.infer<typeof staffCertificateSchema>;
export const staffCertificateListSchema = z.object({ items: z.array(staffCertificateSchema) });

export const staffCertificateStatusChangeSchema = z.object({
  status: z.enum(['REVOKED', 'SUSPENDED', 'VALID']),
  reason: z.string().trim().min(2, '请填写原因').max(200, '原因不超过200字'),
});
export type StaffCertificateStatusChange = z.infer<typeof staffCertificateStatusChangeSchema>;
