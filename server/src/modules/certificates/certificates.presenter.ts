import { getCertificateType, maskHolderName, type CertificateDetail, type CertificateSummary } from '@roadcert/shared';
import type { CertificateDetailRow, CertificateSummaryRow } from './certificates.repo';
import type { CertificateReach } from './certificate-access';

/** A Postgres DATE as YYYY-MM-DD (Prisma returns it as UTC midnight). */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The operator context of a certificate reached through membership (null for one's own). */
export type OperatorContext = { operatorName: string; role: CertificateSummary['operatorRole'] } | null;

export const operatorContextOf = (reach: CertificateReach): OperatorContext =>
  reach.via === 'operator' ? { operatorName: reach.operatorName, role: reach.role } : null;

export function presentCertificateSummary(
  row: CertificateSummaryRow,
  operator: OperatorContext = null,
): CertificateSummary {
  return {
    id: row.id,
    typeCode: row.typeCode,
    typeName: getCertificateType(row.typeCode)?.name ?? row.typeCode,
    numberMasked: row.numberMasked,
    carrier: row.carrier,
    status: row.status,
    validFrom: isoDate(row.validFrom),
    validUntil: row.validUntil ? isoDate(row.validUntil) : null,
    issuingAuthority: row.issuingAuthority,
    plateNumber: row.vehicle?.plateNumber ?? null,
    activated: row.activatedAt !== null,
    operatorName: operator?.operatorName ?? null,
    operatorRole: operator?.role ?? null,
  };
}

/** Who did it, as the holder reads it; other people's account ids never leave. */
function actorLabel(actorKind: string, actorId: string | null, callerAccountId: string | null) {
  if (actorKind === 'ACCOUNT') return actorId !== null && actorId === callerAccountId ? '本人' : '授权经办人';
  if (actorKind === 'STAFF') return '管理部门';
  return '系统';
}

export function presentCertificateDetail(
  row: CertificateDetailRow,
  operator: OperatorContext,
  callerAccountId: string | null,
): CertificateDetail {
  return {
    ...presentCertificateSummary(row, operator),
    holderNameMasked: maskHolderName(row.holder.kind, row.holder.name),
    identifier: row.identifier,
    events: row.events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      actor: actorLabel(e.actorKind, e.actorId, callerAccountId),
    })),
  };
}
