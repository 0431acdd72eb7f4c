import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';

const usageSelect = {
  id: true,
  certificateId: true,
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

export function createUsageRepo(db: Db) {
  return {
    /** One page of 用证记录 — of one certificate, or of every certificate of some holders — newest first, and the total. */
    page: async (of: { certificateId: string } | { holderIds: string[] }, page: number, pageSize: number) => {
      const where: Prisma.VerificationEventWhereInput =
        'certificateId' in of
          ? { certificateId: of.certificateId }
          : { certificate: { holderId: { in: of.holderIds } } };
      const [rows, total] = await Promise.all([
        db.verificationEvent.findMany({
          where,
          select: usageSelect,
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.verificationEvent.count({ where }),
      ]);
      return { rows, total };
    },
  };
}

export type UsageRepo = ReturnType<typeof createUsageRepo>;
