import type { Db } from '../../../db/unit-of-work';

/** Real-name binding's reads and its one write. */
export function createRealNameRepo(db: Db) {
  return {
    /** The PERSON holder with this ID blind index (if any) and the account bound to it (if any), in one query. */
    /** By the ID number's digests (one per blind-index key while a rotation runs). */
    findPersonByIdHash: async (idHashes: string[]) =>
      (
        await db.$queryRaw<{ id: string; name: string; boundAccountId: string | null }[]>`
          SELECT h."id", h."name", a."id" AS "boundAccountId"
          FROM "Holder" h LEFT JOIN "Account" a ON a."holderId" = h."id"
          WHERE h."idNumberHash" = ANY(${idHashes}::text[]) AND h."kind" = 'PERSON'::"HolderKind"`
      )[0],

    bindHolder: (accountId: string, holderId: string, at: Date) =>
      db.account.update({ where: { id: accountId }, data: { holderId, realNameBoundAt: at } }),
  };
}

export type RealNameRepo = ReturnType<typeof createRealNameRepo>;
