/**
 * Vocabularies of verification (核验) and the usage log (用证记录): how a certificate was
 * checked, the names of the face fields a verifier was shown, and the stored outcome.
 * Shared by lookup, the partner API, shares and the usage log; docs/verification.md.
 */

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
