import type { ConsentKind } from '@roadcert/shared';
import type { Db } from '../../../db/unit-of-work';

/** Consent rows (PIPL); what counts as a current consent is decided in consents.ts. */
export function createConsentRepo(db: Db) {
  return {
    /** The account's unwithdrawn consents, newest first. */
    standing: (accountId: string) =>
      db.consent.findMany({
        where: { accountId, withdrawnAt: null },
        orderBy: { grantedAt: 'desc' },
        select: { kind: true, textVersion: true, grantedAt: true },
      }),

    findStanding: (accountId: string, kind: ConsentKind, textVersion: string) =>
      db.consent.findFirst({ where: { accountId, kind, textVersion, withdrawnAt: null } }),

    create: (accountId: string, kind: ConsentKind, textVersion: string) =>
      db.consent.create({ data: { accountId, kind, textVersion } }),

    /** Withdraws every standing consent of that kind; returns how many were withdrawn. */
    withdrawAll: async (accountId: string, kind: ConsentKind, at: Date) =>
      (
        await db.consent.updateMany({
          where: { accountId, kind, withdrawnAt: null },
          data: { withdrawnAt: at },
        })
      ).count,
  };
}

export type ConsentRepo = ReturnType<typeof createConsentRepo>;
