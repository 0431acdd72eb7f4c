import type { Prisma, PrismaClient } from '../../generated/prisma/client';

/** The columns a certificate list needs; ciphertext columns are never selected here. */
const summarySelect = {
  id: true,
  holderId: true,
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

const detailSelect = {
  ...summarySelect,
  identifier: true,
  holder: { select: { kind: true, name: true } },
  events: { orderBy: { at: 'asc' }, select: { kind: true, at: true, actorKind: true, actorId: true } },
} as const satisfies Prisma.CertificateSelect;

export type CertificateSummaryRow = Prisma.CertificateGetPayload<{ select: typeof summarySelect }>;
export type CertificateDetailRow = Prisma.CertificateGetPayload<{ select: typeof detailSelect }>;

export function createCertificateRepo(prisma: PrismaClient) {
  return {
    /** Certificates of these holders: valid ones first, then by type and validity. */
    listForHolders: (holderIds: string[]) =>
      prisma.certificate.findMany({
        where: { holderId: { in: holderIds } },
        select: summarySelect,
        orderBy: [{ status: 'asc' }, { typeCode: 'asc' }, { validUntil: 'desc' }],
      }),

    summary: (id: string) => prisma.certificate.findUniqueOrThrow({ where: { id }, select: summarySelect }),

    detail: (id: string) => prisma.certificate.findUniqueOrThrow({ where: { id }, select: detailSelect }),

    /** What activation checks, read inside its transaction. */
    activationState: (tx: Prisma.TransactionClient, id: string) =>
      tx.certificate.findUniqueOrThrow({
        where: { id },
        select: { carrier: true, status: true, validUntil: true, activatedAt: true },
      }),

    /** Marks it active unless it already is; false when another request got there first. */
    markActivated: async (tx: Prisma.TransactionClient, id: string, accountId: string, at: Date) => {
      const { count } = await tx.certificate.updateMany({
        where: { id, activatedAt: null, carrier: 'ELECTRONIC', status: 'VALID' },
        data: { activatedAt: at, activatedByAccountId: accountId },
      });
      return count === 1;
    },
  };
}
