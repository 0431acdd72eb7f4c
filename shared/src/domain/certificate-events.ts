/**
 * Kinds of `CertificateEvent` (a certificate's history, `certificateDetailSchema.events`),
 * with the words people read. The server writes only these kinds; the contract keeps `kind`
 * a plain string so an older client shown a newer kind still lists it (`certificateEventLabel`
 * falls back to 记录（KIND）).
 */
export const certificateEventKinds = {
  ISSUED: { label: '签发' },
  ACTIVATED: { label: '激活' },
  REPLACED: { label: '已换发' },
  STATUS_CHANGED: { label: '状态变更' },
  DATA_SUPPLEMENTED: { label: '补传数据' },
} as const;
export type CertificateEventKind = keyof typeof certificateEventKinds;
export const certificateEventKindList = Object.keys(certificateEventKinds) as [
  CertificateEventKind,
  ...CertificateEventKind[],
];

export function isCertificateEventKind(kind: string): kind is CertificateEventKind {
  return Object.prototype.hasOwnProperty.call(certificateEventKinds, kind);
}

/** The Chinese label of an event kind; an unknown kind stays visible as 记录（KIND）. */
export function certificateEventLabel(kind: string): string {
  return isCertificateEventKind(kind) ? certificateEventKinds[kind].label : `记录（${kind}）`;
}
