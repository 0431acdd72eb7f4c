import type { Db } from '../../../db/unit-of-work';

/** An account's identity-matching counters (match-guard.ts decides what they mean). */
export type MatchAccount = {
  id: string;
  holderId: string | null;
  realNameFailures: number;
  realNameFailuresSince: Date | null;
  realNameLockedTill: Date | null;
};

/** The Account columns behind the per-account matching limit; run inside one transaction. */
export function createMatchGuardRepo(db: Db) {
  return {
    /** The account row, locked FOR UPDATE until the transaction ends (undefined: no such account). */
    lockAccount: async (accountId: string): Promise<MatchAccount | undefined> =>
      (
        await db.$queryRaw<MatchAccount[]>`
          SELECT "id", "holderId", "realNameFailures", "realNameFailuresSince", "realNameLockedTill"
          FROM "Account" WHERE "id" = ${accountId}::uuid FOR UPDATE`
      )[0],

    recordFailures: (accountId: string, failures: number, since: Date | null) =>
      db.account.update({
        where: { id: accountId },
        data: { realNameFailures: failures, realNameFailuresSince: since },
      }),

    /** Locks matching until `lockedTill`; the count restarts. */
    lockUntil: (accountId: string, lockedTill: Date) =>
      db.account.update({
        where: { id: accountId },
        data: { realNameFailures: 0, realNameFailuresSince: null, realNameLockedTill: lockedTill },
      }),

    clear: (accountId: string) =>
      db.account.update({
        where: { id: accountId },
        data: { realNameFailures: 0, realNameFailuresSince: null, realNameLockedTill: null },
      }),
  };
}

export type MatchGuardRepo = ReturnType<typeof createMatchGuardRepo>;
