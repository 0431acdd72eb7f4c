import { classifyDatabaseError } from '../../db/errors';
import type { Db } from '../../db/unit-of-work';

/** The certificates' status-list indexes (status-list.ts). */
export function createStatusIndexRepo(db: Db) {
  return {
    /** Every certificate with an index: what the list is built from. */
    indexed: () =>
      db.certificate.findMany({
        where: { statusIndex: { not: null } },
        select: { statusIndex: true, status: true, validUntil: true },
      }),

    /** The certificate's index (null: none yet), or null when there is no such certificate. */
    indexOf: (certificateId: string) =>
      db.certificate.findUnique({ where: { id: certificateId }, select: { statusIndex: true } }),

    /** How many indexes are taken, and the highest. */
    usage: async () => {
      const [count, max] = await Promise.all([
        db.certificate.count({ where: { statusIndex: { not: null } } }),
        db.certificate.aggregate({ _max: { statusIndex: true } }),
      ]);
      return { count, maxIndex: max._max.statusIndex ?? 0 };
    },

    /** Gives the certificate this index unless it has one; false when another certificate holds it. */
    assign: async (certificateId: string, statusIndex: number) => {
      try {
        await db.certificate.updateMany({ where: { id: certificateId, statusIndex: null }, data: { statusIndex } });
        return true;
      } catch (err) {
        if (classifyDatabaseError(err) === 'unique-violation') return false;
        throw err;
      }
    },
  };
}

export type StatusIndexRepo = ReturnType<typeof createStatusIndexRepo>;
