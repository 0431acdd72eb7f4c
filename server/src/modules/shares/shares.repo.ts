import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { matchSelect } from '../lookup';

const summarySelect = {
  id: true,
  holderId: true,
  purposeCode: true,
  purposeText: true,
  recipientName: true,
  watermarkText: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
  holder: { select: { kind: true, name: true } },
  items: {
    select: {
      certificate: {
        select: { id: true, typeCode: true, numberMasked: true, vehicle: { select: { plateNumber: true } } },
      },
    },
  },
} as const satisfies Prisma.ShareSelect;

const openedSelect = {
  ...summarySelect,
  items: { select: { certificate: { select: matchSelect } } },
} as const satisfies Prisma.ShareSelect;

export type ShareSummaryRow = Prisma.ShareGetPayload<{ select: typeof summarySelect }>;
export type OpenedShareRow = Prisma.ShareGetPayload<{ select: typeof openedSelect }>;
export type ShareOpenings = Map<string, { count: number; last: Date }>;

export function createShareRepo(db: Db) {
  return {
    create: (data: Prisma.ShareUncheckedCreateInput, certificateIds: string[]) =>
      db.share.create({
        data: { ...data, items: { create: certificateIds.map((certificateId) => ({ certificateId })) } },
        select: summarySelect,
      }),

    /** Shares of these holders, newest first. */
    listForHolders: (holderIds: string[]) =>
      db.share.findMany({
        where: { holderId: { in: holderIds } },
        select: summarySelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 200,
      }),

    byId: (id: string) => db.share.findUnique({ where: { id }, select: summarySelect }),

    byLinkHash: (linkTokenHash: string) => db.share.findUnique({ where: { linkTokenHash }, select: openedSelect }),

    /** Marks it revoked unless it already is (the first revocation time stays). */
    revoke: (id: string, at: Date) => db.share.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } }),

    /**
     * Openings per share. One opening writes one SHARE_OPEN row per certificate, all with
     * the same `at`, so an opening is a distinct (shareId, at).
     */
    openings: async (shareIds: string[]): Promise<ShareOpenings> => {
      const groups = shareIds.length
        ? await db.verificationEvent.groupBy({
            by: ['shareId', 'at'],
            where: { shareId: { in: shareIds }, channel: 'SHARE_OPEN' },
          })
        : [];
      const result: ShareOpenings = new Map();
      for (const g of groups) {
        if (!g.shareId) continue;
        const seen = result.get(g.shareId);
        result.set(g.shareId, { count: (seen?.count ?? 0) + 1, last: seen && seen.last > g.at ? seen.last : g.at });
      }
      return result;
    },

    /** The certificates' statuses (a replaced one cannot be shared). */
    certificateStatuses: (certificateIds: string[]) =>
      db.certificate.findMany({ where: { id: { in: certificateIds } }, select: { id: true, status: true } }),

    /** The account's active (unrevoked) membership of an operator, or null. */
    membership: (operatorId: string, accountId: string) =>
      db.operatorMember.findFirst({ where: { operatorId, accountId, revokedAt: null }, select: { role: true } }),
  };
}

export type ShareRepo = ReturnType<typeof createShareRepo>;
