import type { OperatorRole } from '@roadcert/shared';
import type { Db } from '../../db/unit-of-work';

/** What a member listing shows about one membership. */
const memberSelect = {
  id: true,
  role: true,
  grantedAt: true,
  revokedAt: true,
  account: { select: { phoneMasked: true, holder: { select: { kind: true, name: true } } } },
} as const;

/** Operators (OPERATOR holders) and their members: activation's lookups and the member list. */
export function createOperatorRepo(db: Db) {
  return {
    /** The OPERATOR holder with this USCC and its recorded legal representative (sealed). */
    findByCreditCode: (creditCode: string) =>
      db.holder.findFirst({
        where: { creditCode, kind: 'OPERATOR' },
        select: { id: true, legalRepName: true, legalRepNameHash: true, legalRepIdHash: true },
      }),

    /** The caller's own holder, as the legal representative match compares it. */
    findHolderIdentity: (holderId: string) =>
      db.holder.findUnique({ where: { id: holderId }, select: { kind: true, name: true, idNumberHash: true } }),

    /** Makes the account the operator's (live) legal representative. */
    makeLegalRepresentative: (operatorId: string, accountId: string, now: Date) =>
      db.operatorMember.upsert({
        where: { operatorId_accountId: { operatorId, accountId } },
        create: { operatorId, accountId, role: 'LEGAL_REPRESENTATIVE', grantedAt: now },
        update: { role: 'LEGAL_REPRESENTATIVE', revokedAt: null, grantedById: null, grantedAt: now },
      }),

    findLiveLegalRepresentative: (operatorId: string, accountId: string) =>
      db.operatorMember.findFirst({
        where: { operatorId, accountId, role: 'LEGAL_REPRESENTATIVE', revokedAt: null },
        select: { id: true },
      }),

    /** Live members first, then by grant time. */
    listMembers: (operatorId: string) =>
      db.operatorMember.findMany({
        where: { operatorId },
        orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { grantedAt: 'asc' }],
        select: memberSelect,
      }),

    /** The account's membership of this operator (revoked or not). */
    findMembership: (operatorId: string, accountId: string) =>
      db.operatorMember.findUnique({
        where: { operatorId_accountId: { operatorId, accountId } },
        select: { role: true, revokedAt: true },
      }),

    /** The account's live role for this operator, or null. */
    findLiveRole: (operatorId: string, accountId: string) =>
      db.operatorMember.findFirst({ where: { operatorId, accountId, revokedAt: null }, select: { role: true } }),

    /**
     * Kills every presentation token fetched for the operator's certificates (or, with a
     * vehicle, that vehicle's): the epoch is part of each token and checked online
     * (docs/presentation-token.md). Returns how many certificates it touched.
     */
    bumpPresentationEpochs: async (operatorId: string, vehicleId?: string) =>
      (
        await db.certificate.updateMany({
          where: { holderId: operatorId, ...(vehicleId ? { vehicleId } : {}) },
          data: { presentationEpoch: { increment: 1 } },
        })
      ).count,

    /** An OPERATOR holder as staff see it (their region decides), or null. */
    operatorForStaff: (id: string) =>
      db.holder.findFirst({
        where: { id, kind: 'OPERATOR' },
        select: { id: true, name: true, areaCode: true, businessStatus: true },
      }),

    setBusinessStatus: (id: string, businessStatus: string) =>
      db.holder.update({ where: { id }, data: { businessStatus } }),

    /** Every certificate the operator holds (for the recheck after a status change). */
    certificateIdsOf: async (operatorId: string) =>
      (await db.certificate.findMany({ where: { holderId: operatorId }, select: { id: true } })).map((c) => c.id),

    /** Grants (or re-grants) a role to an account, by `grantedById`. */
    grantMember: (
      operatorId: string,
      accountId: string,
      grant: { role: OperatorRole; grantedById: string; grantedAt: Date },
    ) =>
      db.operatorMember.upsert({
        where: { operatorId_accountId: { operatorId, accountId } },
        create: { operatorId, accountId, ...grant },
        update: { ...grant, revokedAt: null },
        select: memberSelect,
      }),

    /** One member of this operator (null when the id is another operator's, or unknown). */
    findMember: (operatorId: string, memberId: string) =>
      db.operatorMember.findFirst({
        where: { id: memberId, operatorId },
        select: { id: true, role: true, revokedAt: true },
      }),

    getMember: (memberId: string) =>
      db.operatorMember.findUniqueOrThrow({ where: { id: memberId }, select: memberSelect }),

    revokeMember: (memberId: string, at: Date) =>
      db.operatorMember.update({ where: { id: memberId }, data: { revokedAt: at }, select: memberSelect }),
  };
}

export type OperatorRepo = ReturnType<typeof createOperatorRepo>;
export type MemberRow = Awaited<ReturnType<OperatorRepo['getMember']>>;
