import { getCertificateType, type CertificateSummary } from '@roadcert/shared';
import type { CertificateSummaryRow } from './certificates.repo';

/** A Postgres DATE as YYYY-MM-DD (Prisma returns it as UTC midnight). */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function presentCertificateSummary(row: CertificateSummaryRow): CertificateSummary {
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
  };
}
