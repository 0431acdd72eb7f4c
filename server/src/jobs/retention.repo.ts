import type { Db } from '../db/unit-of-work';

/**
 * Every clean-up statement of the retention jobs (jobs/retention.ts holds the periods and
 * docs/retention.md explains them). Deletes go in batches of `batch` rows so a first run
 * over years of rows never holds one huge transaction or lock.
 */
export function createRetentionRepo(db: Db, batch = 5_000) {
  /** Deletes `ids()` batch after batch until a batch comes back short; the rows removed. */
  const inBatches = async (ids: () => Promise<string[]>, remove: (ids: string[]) => Promise<{ count: number }>) => {
    let total = 0;
    for (;;) {
      const found = await ids();
      if (found.length > 0) total += (await remove(found)).count;
      if (found.length < batch) return total;
    }
  };
  const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);

  return {
    /** SMS codes (hashed) created before `cutoff`: past their expiry and past the 24 h send-limit window. */
    deleteSmsCodesBefore: (cutoff: Date) =>
      inBatches(
        async () =>
          idsOf(
            await db.verificationCode.findMany({
              where: { createdAt: { lt: cutoff } },
              select: { id: true },
              take: batch,
            }),
          ),
        (ids) => db.verificationCode.deleteMany({ where: { id: { in: ids } } }),
      ),

    /** Staff sign-in challenges (password passed, second factor pending) created before `cutoff`. */
    deleteLoginChallengesBefore: (cutoff: Date) =>
      inBatches(
        async () =>
          idsOf(
            await db.staffLoginChallenge.findMany({
              where: { createdAt: { lt: cutoff } },
              select: { id: true },
              take: batch,
            }),
          ),
        (ids) => db.staffLoginChallenge.deleteMany({ where: { id: { in: ids } } }),
      ),

    /** Sessions that expired, or were revoked, before `cutoff` (nothing references a session row). */
    deleteSessionsEndedBefore: (cutoff: Date) =>
      inBatches(
        async () =>
          idsOf(
            await db.session.findMany({
              where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
              select: { id: true },
              take: batch,
            }),
          ),
        (ids) => db.session.deleteMany({ where: { id: { in: ids } } }),
      ),

    /** 用证记录 rows older than `cutoff`. */
    deleteUsageEventsBefore: (cutoff: Date) =>
      inBatches(
        async () =>
          idsOf(
            await db.verificationEvent.findMany({ where: { at: { lt: cutoff } }, select: { id: true }, take: batch }),
          ),
        (ids) => db.verificationEvent.deleteMany({ where: { id: { in: ids } } }),
      ),

    /**
     * Live photos created before `cutoff` that nothing holds: no application (never attached,
     * or replaced — attaching another portrait unlinks the old one), no certificate portrait,
     * no completion task's evidence.
     */
    unlinkedPhotosBefore: (cutoff: Date, take = 200) =>
      db.photo.findMany({
        where: {
          state: 'ACCEPTED',
          createdAt: { lt: cutoff },
          applicationId: null,
          portraitOf: null,
          completionTasks: { none: {} },
        },
        select: { id: true, originalKey: true, processedKey: true },
        orderBy: { createdAt: 'asc' },
        take,
      }),

    /**
     * Marks the photo DELETED if it is still unlinked: the same conditions as the query, in one
     * statement, so a photo attached meanwhile is kept. True when this call did it.
     */
    markUnlinkedPhotoDeleted: async (id: string, now: Date) =>
      (
        await db.photo.updateMany({
          where: { id, state: 'ACCEPTED', applicationId: null, portraitOf: null, completionTasks: { none: {} } },
          data: { state: 'DELETED', deletedAt: now },
        })
      ).count === 1,

    /** Photos marked DELETED since `since`: their objects are removed again (idempotent) until then. */
    photosDeletedSince: (since: Date) =>
      db.photo.findMany({
        where: { state: 'DELETED', deletedAt: { gte: since } },
        select: { id: true, originalKey: true, processedKey: true },
      }),
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
