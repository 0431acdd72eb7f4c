/**
 * The application (申请) state machine: kinds, states, and the legal transitions as data,
 * so the server's use-cases and both clients agree on what may happen next.
 * docs/applications.md describes the flow; the DTOs are in schemas/application.ts.
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
