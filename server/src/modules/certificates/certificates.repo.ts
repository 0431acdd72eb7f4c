import type { PrismaClient } from '../../generated/prisma/client';

/** The columns a certificate list needs; ciphertext columns are never selected here. */
const summarySelect = {
  id: true,
  typeCode: true,
  numberMasked: true,
  carrier: true,
  status: true,
  validFrom: true,
  validUntil: true,
  issuingAuthority: true,
  activatedAt: true,
  vehicle: { select: { plateNumber: true } },
} as const;

export type CertificateSummaryRow = Awaited<ReturnType<ReturnType<typeof createCertificateRepo>['listForHolder']>>[number];

export function createCertificateRepo(prisma: PrismaClient) {
  return {
    /** A holder's certificates: valid ones first, then by type and validity. */
    listForHolder: (holderId: string) =>
      prisma.certificate.findMany({
        where: { holderId },
        select: summarySelect,
        orderBy: [{ status: 'asc' }, { typeCode: 'asc' }, { validUntil: 'desc' }],
      }),
  };
}
