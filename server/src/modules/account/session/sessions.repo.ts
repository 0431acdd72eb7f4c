import type { Db } from '../../../db/unit-of-work';

/** lastSeenAt is written at most this often (device list, staff idle timeout). */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Every Session read and write: account and staff sessions. */
export function createSessionRepo(db: Db) {
  return {
    create: (data: {
      id: string;
      accountId?: string;
      staffUserId?: string;
      refreshTokenHash: string;
      platform: string;
      deviceLabel?: string | null;
      expiresAt: Date;
    }) => db.session.create({ data, select: { id: true, expiresAt: true } }),

    /** What authentication needs about a session, in one query. */
    findForAuth: (id: string) =>
      db.session.findUnique({
        where: { id },
        select: {
          id: true,
          revokedAt: true,
          expiresAt: true,
          lastSeenAt: true,
          accountId: true,
          staffUserId: true,
          account: { select: { holderId: true } },
          staffUser: { select: { roles: true, regionCode: true, disabledAt: true } },
        },
      }),

    findForRefresh: (id: string) =>
      db.session.findUnique({
        where: { id },
        select: { id: true, accountId: true, refreshTokenHash: true, revokedAt: true, expiresAt: true },
      }),

    /** Records activity unless it was recorded less than a minute ago (one write a minute at most). */
    touch: (id: string, now: Date) =>
      db.session.updateMany({
        where: { id, lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS) } },
        data: { lastSeenAt: now },
      }),

    /** Swaps the refresh token hash only if it is still the one presented: false = lost a race or reused. */
    rotateRefresh: async (id: string, presentedHash: string, next: { hash: string; expiresAt: Date; now: Date }) =>
      (
        await db.session.updateMany({
          where: { id, refreshTokenHash: presentedHash, revokedAt: null },
          data: { refreshTokenHash: next.hash, expiresAt: next.expiresAt, lastSeenAt: next.now },
        })
      ).count === 1,

    revoke: async (id: string, now: Date) =>
      (await db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } })).count,

    /** Revokes one of the account's own sessions; 0 when it is not theirs (or already gone). */
    revokeOwn: async (accountId: string, id: string, now: Date) =>
      (
        await db.session.updateMany({
          where: { id, accountId, revokedAt: null, expiresAt: { gt: now } },
          data: { revokedAt: now },
        })
      ).count,

    revokeAllOwn: async (accountId: string, now: Date) =>
      (
        await db.session.updateMany({
          where: { accountId, revokedAt: null, expiresAt: { gt: now } },
          data: { revokedAt: now },
        })
      ).count,

    listActiveForAccount: (accountId: string, now: Date) =>
      db.session.findMany({
        where: { accountId, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { lastSeenAt: 'desc' },
        select: { id: true, platform: true, deviceLabel: true, createdAt: true, lastSeenAt: true },
      }),
  };
}

export type SessionRepo = ReturnType<typeof createSessionRepo>;
