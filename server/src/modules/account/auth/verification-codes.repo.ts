import type { Db } from '../../../db/unit-of-work';

/**
 * SMS verification codes (hashed, single use, attempt-limited). Send limits are counted
 * from these rows, so they hold across service instances; inside one transaction,
 * `lockSends` (an advisory lock per phone and per IP) makes check-and-insert atomic.
 */
export function createVerificationCodeRepo(db: Db) {
  return {
    /**
     * Serialises sends to this phone and from this IP until the transaction ends. Locks in
     * a fixed order (phone, then IP), so no deadlock.
     */
    async lockSends(phoneHash: string, requestIp: string) {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sms-phone:${phoneHash}`}, 0))`;
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sms-ip:${requestIp}`}, 0))`;
    },

    /**
     * When codes were sent to this phone (or from this IP) after `after`, oldest first. Digests:
     * one per blind-index key while a rotation runs, so a rotation does not reset the limits.
     */
    sentSince: async (where: { phoneHash: string[] } | { requestIp: string[] }, after: Date) =>
      (
        await db.verificationCode.findMany({
          where: {
            ...('phoneHash' in where ? { phoneHash: { in: where.phoneHash } } : { requestIp: { in: where.requestIp } }),
            createdAt: { gt: after },
          },
          orderBy: { createdAt: 'asc' },
          select: { createdAt: true },
        })
      ).map((r) => r.createdAt),

    insert: (row: { phoneHash: string; requestIp: string; purpose: string; codeHash: string; expiresAt: Date }) =>
      db.verificationCode.create({ data: row, select: { id: true } }),

    remove: (id: string) => db.verificationCode.deleteMany({ where: { id } }),

    /** The newest code killed by wrong attempts since `since` (its consumedAt is the lock start). */
    lastLockout: (phoneHashes: string[], maxAttempts: number, since: Date) =>
      db.verificationCode.findFirst({
        where: { phoneHash: { in: phoneHashes }, attempts: { gte: maxAttempts }, consumedAt: { gt: since } },
        orderBy: { consumedAt: 'desc' },
        select: { consumedAt: true },
      }),

    /** Only the newest code of a phone counts; sending a new one supersedes the old. */
    latest: (phoneHashes: string[], purpose: string) =>
      db.verificationCode.findFirst({
        where: { phoneHash: { in: phoneHashes }, purpose },
        orderBy: { createdAt: 'desc' },
        select: { id: true, phoneHash: true, codeHash: true, attempts: true, expiresAt: true, consumedAt: true },
      }),

    /** Counts one wrong attempt; at `maxAttempts` the code is dead (consumedAt = lock start). */
    async recordWrongAttempt(id: string, maxAttempts: number, now: Date): Promise<number> {
      const counted = await db.verificationCode.updateManyAndReturn({
        where: { id, consumedAt: null },
        data: { attempts: { increment: 1 } },
        select: { attempts: true },
      });
      const attempts = counted[0]?.attempts ?? maxAttempts;
      if (attempts >= maxAttempts)
        await db.verificationCode.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: now } });
      return attempts;
    },

    /** Marks the code used; false if someone else used (or killed) it first. */
    consume: async (id: string, maxAttempts: number, now: Date) =>
      (
        await db.verificationCode.updateMany({
          where: { id, consumedAt: null, attempts: { lt: maxAttempts } },
          data: { consumedAt: now },
        })
      ).count === 1,
  };
}

export type VerificationCodeRepo = ReturnType<typeof createVerificationCodeRepo>;
