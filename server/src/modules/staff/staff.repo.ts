import type { Db } from '../../db/unit-of-work';

/** Field-encryption associated data of StaffUser.totpSecretEnc (base32 secret inside). */
export const TOTP_SECRET_COLUMN = 'totpSecret';

/** Authority staff accounts and their sign-in challenges. */
export function createStaffRepo(db: Db) {
  return {
    findForSignIn: (username: string) =>
      db.staffUser.findUnique({
        where: { username },
        select: {
          id: true,
          passwordHash: true,
          totpSecretEnc: true,
          failedAttempts: true,
          lockedUntil: true,
          disabledAt: true,
        },
      }),

    findForSecondFactor: (id: string) =>
      db.staffUser.findUnique({
        where: { id },
        select: { id: true, totpSecretEnc: true, lockedUntil: true, disabledAt: true },
      }),

    profile: (id: string) =>
      db.staffUser.findUnique({
        where: { id },
        select: { id: true, displayName: true, roles: true, regionCode: true },
      }),

    /** One more failure (password or second factor); at `max` the account locks and the count restarts. Returns the lock end, if locked now. */
    async recordFailure(id: string, max: number, lockUntil: Date): Promise<Date | null> {
      const [row] = await db.staffUser.updateManyAndReturn({
        where: { id },
        data: { failedAttempts: { increment: 1 } },
        select: { failedAttempts: true },
      });
      if (!row || row.failedAttempts < max) return null;
      await db.staffUser.update({ where: { id }, data: { failedAttempts: 0, lockedUntil: lockUntil } });
      return lockUntil;
    },

    resetFailures: (id: string) =>
      db.staffUser.update({ where: { id }, data: { failedAttempts: 0, lockedUntil: null } }),

    /** Accepts a TOTP time step once: false if this or a later step was already used. */
    acceptTotpStep: async (id: string, step: number) =>
      (
        await db.staffUser.updateMany({
          where: { id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
          data: { totpLastStep: step },
        })
      ).count === 1,

    createChallenge: (staffUserId: string, expiresAt: Date) =>
      db.staffLoginChallenge.create({ data: { staffUserId, expiresAt }, select: { id: true } }),

    findChallenge: (id: string) =>
      db.staffLoginChallenge.findUnique({
        where: { id },
        select: { id: true, staffUserId: true, attempts: true, expiresAt: true, consumedAt: true },
      }),

    /** Counts a wrong code; at `max` the challenge is dead. Returns the attempts so far. */
    async challengeWrongCode(id: string, max: number, now: Date): Promise<number> {
      const [row] = await db.staffLoginChallenge.updateManyAndReturn({
        where: { id, consumedAt: null },
        data: { attempts: { increment: 1 } },
        select: { attempts: true },
      });
      const attempts = row?.attempts ?? max;
      if (attempts >= max)
        await db.staffLoginChallenge.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: now } });
      return attempts;
    },

    consumeChallenge: async (id: string, max: number, now: Date) =>
      (
        await db.staffLoginChallenge.updateMany({
          where: { id, consumedAt: null, attempts: { lt: max }, expiresAt: { gt: now } },
          data: { consumedAt: now },
        })
      ).count === 1,
  };
}

export type StaffRepo = ReturnType<typeof createStaffRepo>;
