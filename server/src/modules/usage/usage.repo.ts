import type { Prisma, PrismaClient } from '../../generated/prisma/client';

const usageSelect = {
  id: true,
  at: true,
  channel: true,
  verifierRole: true,
  result: true,
  fieldsShown: true,
  shareId: true,
  partner: { select: { name: true, kind: true } },
  share: { select: { purposeCode: true, recipientName: true } },
} as const satisfies Prisma.VerificationEventSelect;

export type UsageRow = Prisma.VerificationEventGetPayload<{ select: typeof usageSelect }>;

export function createUsageRepo(prisma: PrismaClient) {
  return {
    /** One page of a certificate's 用证记录, newest first, and the total. */
    page: async (certificateId: string, page: number, pageSize: number) => {
      const where = { certificateId };
      const [rows, total] = await Promise.all([
        prisma.verificationEvent.findMany({ where, select: usageSelect, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
        prisma.verificationEvent.count({ where }),
      ]);
      return { rows, total };
    },
  };
}
