import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { matchSelect } from '../lookup';

/** Partners (API key holders) and the certificate a partner's verification names. */
export function createPartnerRepo(db: Db) {
  return {
    /** The partner holding this key (by its SHA-256), revoked or not; null for an unknown key. */
    byKeyHash: (apiKeyHash: string) =>
      db.partner.findUnique({
        where: { apiKeyHash },
        select: { id: true, name: true, kind: true, scopes: true, rateLimitPerMinute: true, revokedAt: true },
      }),

    create: (data: Prisma.PartnerCreateInput) => db.partner.create({ data, select: { id: true } }),

    /** A verified certificate as the partner view reads it, and whether it replaced another. */
    certificateForView: (certificateId: string) =>
      db.certificate.findUniqueOrThrow({
        where: { id: certificateId },
        select: { ...matchSelect, replaces: { select: { carrier: true } } },
      }),
  };
}

export type PartnerRepo = ReturnType<typeof createPartnerRepo>;
