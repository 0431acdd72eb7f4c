import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { vehicleFaceSelect } from '../certificates';

/** What a certificate file is made from and checked against: the signed columns, status, portrait. */
const fileSourceSelect = {
  id: true,
  typeCode: true,
  identifier: true,
  version: true,
  carrier: true,
  status: true,
  issueReason: true,
  firstIssuedOn: true,
  issuedOn: true,
  validFrom: true,
  validUntil: true,
  issuingAuthority: true,
  issuingAuthorityCode: true,
  areaCode: true,
  extension: true,
  numberEnc: true,
  signature: true,
  signedAt: true,
  holder: { select: { kind: true, name: true, holderTypeCode: true, creditCode: true } },
  vehicle: { select: vehicleFaceSelect },
  portraitPhoto: { select: { processedKey: true, deletedAt: true } },
} as const satisfies Prisma.CertificateSelect;

export type FileSourceRow = Prisma.CertificateGetPayload<{ select: typeof fileSourceSelect }>;

export function createCertificateFileRepo(db: Db) {
  return {
    byId: (id: string) => db.certificate.findUnique({ where: { id }, select: fileSourceSelect }),
    byIdentifier: (identifier: string) =>
      db.certificate.findUnique({ where: { identifier }, select: fileSourceSelect }),
    /** Whether this SPKI is one of the service's certificate signing keys (retired ones too: old files stay checkable). */
    isCertificateKey: async (spki: Uint8Array) =>
      (await db.signingKey.count({ where: { purpose: 'certificate', publicKey: new Uint8Array(spki) } })) > 0,
    /** Electronic certificates signed since `since`, for the job that makes their files ahead of the first download. */
    signedSince: (since: Date, limit: number) =>
      db.certificate.findMany({
        where: { carrier: 'ELECTRONIC', signedAt: { gte: since }, signature: { not: null } },
        select: { id: true },
        orderBy: { signedAt: 'asc' },
        take: limit,
      }),
  };
}

export type CertificateFileRepo = ReturnType<typeof createCertificateFileRepo>;
