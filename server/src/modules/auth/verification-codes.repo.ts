import type { PrismaClient } from '../../generated/prisma/client';

export type RecentSends = { phone: Date[]; ip: Date[] };

/**
 * SMS verification codes (hashed, single use, attempt-limited). Send limits are counted
 * from these rows, so they hold across service instances; an advisory lock per phone
 * and per IP makes check-and-insert atomic.
 */
export function createVerificationCodeRepo(prisma: PrismaClient) {
  return {
    /**
     * Inserts a code unless `decide` throws after seeing this phone's and this IP's recent
     * sends (oldest first). Locks in a fixed order (phone, then IP), so no deadlock.
     */
    insertWithinLimits: (
      row: { phoneHash: string; requestIp: string; purpose: string; codeHash: string; expiresAt: Date },
      since: { phone: Date; ip: Date },
      decide: (recent: RecentSends) => void,
    ) =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sms-phone:${row.phoneHash}`}, 0))`;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sms-ip:${row.requestIp}`}, 0))`;
        const times = async (where: { phoneHash: string } | { requestIp: string }, after: Date) =>
          (
            await tx.verificationCode.findMany({
              where: { ...where, createdAt: { gt: after } },
              orderBy: { createdAt: 'asc' },
              select: { createdAt: true },
            })
          ).map((r) => r.createdAt);
        decide({
          phone: await times({ phoneHash: row.phoneHash }, since.phone),
          ip: await times({ requestIp: row.requestIp }, since.ip),
        });
        return tx.verificationCode.create({ data: row, select: { id: true } });
      }),

    remove: (id: string) => prisma.verificationCode.deleteMany({ where: { id } }),

    /** The newest code killed by wrong attempts since `since` (its consumedAt is the lock start). */
    lastLockout: (phoneHash: string, maxAttempts: number, since: Date) =>
      prisma.verificationCode.findFirst({
        where: { phoneHash, attempts: { gte: maxAttempts }, consumedAt: { gt: since } },
        orderBy: { consumedAt: 'desc' },
        select: { consumedAt: true },
      }),

    /** Only the newest code of a phone counts; sending a new one supersedes the old. */
    latest: (phoneHash: string, purpose: string) =>
      prisma.verificationCode.findFirst({
        where: { phoneHash, purpose },
        orderBy: { createdAt: 'desc' },
        select: { id: true, codeHash: true, attempts: true, expiresAt: true, consumedAt: true },
      }),

    /** Counts one wrong attempt; at `maxAttempts` the code is dead (consumedAt = lock start). */
    async recordWrongAttempt(id: string, maxAttempts: number, now: Date): Promise<number> {
      const counted = await prisma.verificationCode.updateManyAndReturn({
        where: { id, consumedAt: null },
        data: { attempts: { increment: 1 } },
        select: { attempts: true },
      });
      const attempts = counted[0]?.attempts ?? maxAttempts;
      if (attempts >= maxAttempts)
        await prisma.verificationCode.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: now } });
      return attempts;
    },

    /** Marks the code used; false if someone else used (or killed) it first. */
    consume: async (id: string, maxAttempts: number, now: Date) =>
      (
        await prisma.verificationCode.updateMany({
          where: { id, consumedAt: null, attempts: { lt: maxAttempts } },
          data: { consumedAt: now },
        })
      ).count === 1,
  };
}
