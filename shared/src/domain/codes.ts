/**
 * Domain code lists (值域) used across the product. Keys are the stable program
 * names (also the Prisma enum values); `code` is the value used by the ministry
 * platform or JT/T 415 where one exists; `label` is what people read.
 * Sources: ../shared/reference/domain.md §3.
 */

/** 证照载体: how a certificate is carried. */
export const carriers = {
  PAPER: { label: '纸质证' },
  IC_CARD: { label: 'IC卡证' },
  ELECTRONIC: { label: '电子证照' },
} as const;
export type Carrier = keyof typeof carriers;
export const carrierList = Object.keys(carriers) as [Carrier, ...Carrier[]];

/**
 * 证照状态. `code` follows the e-certificate platform (10 有效, 01 已换发,
 * 02 已过期) and the finer reasons of its ship-certificate variant (03/04/05).
 */
export const certificateStatuses = {
  VALID: { code: '10', label: '有效', valid: true },
  REPLACED: { code: '01', label: '已换发', valid: false },
  EXPIRED: { code: '02', label: '已过期', valid: false },
  CANCELLED: { code: '03', label: '已注销', valid: false },
  ANNULLED: { code: '04', label: '已撤销', valid: false },
  REVOKED: { code: '05', label: '已吊销', valid: false },
  /** 暂扣: suspended by staff, can be restored. The platform has no code for it; '06' is ours. */
  SUSPENDED: { code: '06', label: '已暂扣', valid: false },
} as const;
export type CertificateStatus = keyof typeof certificateStatuses;
export const certificateStatusList = Object.keys(certificateStatuses) as [CertificateStatus, ...CertificateStatus[]];

/** 证照发放类型 / 办理事项 (JT/T 415 §5.5.3, extended with 延续 and 换发). */
export const issueReasons = {
  INITIAL: { code: '1', label: '初领' },
  REISSUE: { code: '2', label: '补发' },
  REPLACEMENT: { code: '7', label: '换发' },
  CHANGE: { code: '5', label: '变更' },
  RENEWAL: { code: '6', label: '延续' },
  OTHER: { code: '9', label: '其他' },
} as const;
export type IssueReason = keyof typeof issueReasons;
export const issueReasonList = Object.keys(issueReasons) as [IssueReason, ...IssueReason[]];

/** Who holds a certificate: a natural person (从业人员) or an operator (业户). */
export const holderKinds = {
  PERSON: { label: '从业人员', holderTypeCode: '111' },
  OPERATOR: { label: '业户', holderTypeCode: '001' },
} as const;
export type HolderKind = keyof typeof holderKinds;
export const holderKindList = Object.keys(holderKinds) as [HolderKind, ...HolderKind[]];

/** 车牌颜色 (JT/T 415 §5.4.12 plus the platform's new-energy colours). */
export const plateColours = {
  '1': '蓝色',
  '2': '黄色',
  '3': '黑色',
  '4': '白色',
  '5': '绿色',
  '9': '其他',
  '91': '农黄色',
  '92': '农绿色',
  '93': '黄绿色',
  '94': '渐变绿',
} as const;
export type PlateColourCode = keyof typeof plateColours;

/** JT/T 415 §5.3.1 业户经营状态 (an operator's business status). */
export const operatorBusinessStatuses = {
  '1': '营业',
  '2': '停业',
  '3': '整改',
  '4': '停业整顿',
  '5': '歇业',
  '6': '注销',
  '9': '其他',
} as const;
export type OperatorBusinessStatus = keyof typeof operatorBusinessStatuses;

/** The 经营状态 that end the business (歇业, 注销): its certificates may not stay VALID, its tokens stop. */
export const endedOperatorBusinessStatuses: readonly OperatorBusinessStatus[] = ['5', '6'];
