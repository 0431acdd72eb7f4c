import type { Db } from '../../../db/unit-of-work';

/** Pending attempts must be completed within this many minutes of starting. */
export const FACE_ATTEMPT_TTL_MINUTES = 15;
/** Face verifications an account may start per 24 hours (each real check costs money). */
export const FACE_STARTS_PER_DAY = 10;

export function createFaceVerificationRepo(db: Db) {
  return {
    start: (accountId: string, provider: string) =>
      db.faceVerification.create({ data: { accountId, provider }, select: { id: true, createdAt: true } }),

    startsSince: (accountId: string, since: Date) =>
      db.faceVerification.count({ where: { accountId, createdAt: { gte: since } } }),

    find: (id: string) => db.faceVerification.findUnique({ where: { id } }),

    refUsed: async (providerRef: string) => (await db.faceVerification.count({ where: { providerRef } })) > 0,

    /**
     * Settles a PENDING attempt; returns false when it was no longer pending (a concurrent
     * completion won), so an attempt is settled exactly once.
     */
    settle: async (
      id: string,
      outcome: { passed: boolean; providerRef: string | null; failureReason: string | null; at: Date },
    ) => {
      const { count } = await db.faceVerification.updateMany({
        where: { id, state: 'PENDING' },
        data: {
          state: outcome.passed ? 'PASSED' : 'FAILED',
          providerRef: outcome.providerRef,
          failureReason: outcome.failureReason,
          verifiedAt: outcome.at,
        },
      });
      return count === 1;
    },

    /** The newest PASSED verification still inside the window, with the end of its validity. */
    fresh: async (accountId: string, windowMinutes: number, now = new Date()) => {
      const windowMs = windowMinutes * 60_000;
      const row = await db.faceVerification.findFirst({
        where: { accountId, state: 'PASSED', verifiedAt: { gt: new Date(now.getTime() - windowMs) } },
        orderBy: { verifiedAt: 'desc' },
        select: { id: true, verifiedAt: true },
      });
      return row?.verifiedAt ? { id: row.id, validUntil: new Date(row.verifiedAt.getTime() + windowMs) } : null;
    },
  };
}

export type FaceVerificationRepo = ReturnType<typeof createFaceVerificationRepo>;
