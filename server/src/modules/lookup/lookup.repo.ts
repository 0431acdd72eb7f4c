import type { CertificateTypeCode } from '@roadcert/shared';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { vehicleFaceSelect } from '../certificates';

/** What a match needs to answer lookups, partner checks and shares (never the ciphertext). */
export const matchSelect = {
  id: true,
  typeCode: true,
  carrier: true,
  status: true,
  validFrom: true,
  validUntil: true,
  issuedOn: true,
  issuingAuthority: true,
  numberMasked: true,
  extension: true,
  holder: { select: { kind: true, name: true } },
  vehicle: { select: vehicleFaceSelect },
  replacedBy: { select: { carrier: true } },
} as const satisfies Prisma.CertificateSelect;

export type MatchedCertificate = Prisma.CertificateGetPayload<{ select: typeof matchSelect }>;

/** The reads behind a match (match-certificate.ts): by blind index, or every certificate under a name. */
export function createLookupRepo(db: Db) {
  return {
    /** Certificates of a type whose number has this blind index. */
    /** By the number's digests (one per blind-index key while a rotation runs). */
    byNumberHash: (typeCode: CertificateTypeCode, numberHashes: string[]) =>
      db.certificate.findMany({ where: { typeCode, numberHash: { in: numberHashes } }, select: matchSelect, take: 20 }),

    /** Certificates of a type held under one of these exact names, with the sealed number to compare. */
    byHolderNames: (typeCode: CertificateTypeCode, names: string[]) =>
      db.certificate.findMany({
        where: { typeCode, holder: { name: { in: names } } },
        select: { ...matchSelect, numberEnc: true },
        take: 500,
      }),
  };
}

export type LookupRepo = ReturnType<typeof createLookupRepo>;
