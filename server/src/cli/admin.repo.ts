import type { Db } from '../db/unit-of-work';

export type StaffRoleName = 'REVIEWER' | 'DATA_STEWARD' | 'ADMIN';

/** The admin command's statements: staff accounts, their lockout and their sessions. */
export function createAdminRepo(db: Db) {
  return {
    staffByUsername: (username: string) =>
      db.staffUser.findUnique({
        where: { username },
        select: { id: true, username: true, roles: true, failedAttempts: true, lockedUntil: true, disabledAt: true },
      }),

    createStaff: (data: {
      username: string;
      displayName: string;
      passwordHash: string;
      totpSecretEnc: Uint8Array<ArrayBuffer>;
      roles: StaffRoleName[];
      regionCode: string;
    }) =>
      db.staffUser.create({
        data,
        select: { id: true, username: true, roles: true, regionCode: true },
      }),

    resetLockout: (id: string) =>
      db.staffUser.update({ where: { id }, data: { failedAttempts: 0, lockedUntil: null }, select: { id: true } }),

    /** Staff sessions, newest first: live only unless `all`. No token material is selected. */
    staffSessions: (options: { staffUserId?: string; all: boolean; now: Date }) =>
      db.session.findMany({
        where: {
          staffUserId: options.staffUserId ?? { not: null },
          ...(options.all ? {} : { revokedAt: null, expiresAt: { gt: options.now } }),
        },
        select: {
          id: true,
          platform: true,
          createdAt: true,
          lastSeenAt: true,
          expiresAt: true,
          revokedAt: true,
          staffUser: { select: { username: true } },
        },
        orderBy: { createdAt: 'desc' },
        take: 500,
      }),

    revokeSession: async (id: string, now: Date) =>
      (await db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } })).count === 1,
  };
}

export type AdminRepo = ReturnType<typeof createAdminRepo>;
