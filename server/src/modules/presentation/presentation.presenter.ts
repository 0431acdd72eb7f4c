import { getCertificateType, maskHolderName, type PresentationFace, type VerifiedCertificate, type VerifierScope } from '@roadcert/shared';
import type { Prisma } from '../../generated/prisma/client';
import type { ObjectStorage } from '../../adapters/storage';
import type { Sql } from '../../db/database';
import { isoDate } from '../certificates/certificates.presenter';
import { effectiveStatus, faceDetails, idDerivedKeys, isoDateOrNull } from '../lookup/certificate-face';

/** What the holder screen and the verifier views need of a certificate (no ciphertext). */
export const faceSelect = {
  id: true,
  typeCode: true,
  carrier: true,
  status: true,
  statusReason: true,
  validFrom: true,
  validUntil: true,
  issuingAuthority: true,
  numberMasked: true,
  extension: true,
  activatedAt: true,
  presentationEpoch: true,
  statusIndex: true,
  areaCode: true,
  holder: { select: { kind: true, name: true } },
  vehicle: { select: { plateNumber: true, plateColour: true, vehicleTypeCode: true, capacity: true, lengthMm: true, widthMm: true, heightMm: true } },
  portraitPhoto: { select: { processedKey: true, originalKey: true } },
} as const satisfies Prisma.CertificateSelect;

export type FaceRow = Prisma.CertificateGetPayload<{ select: typeof faceSelect }>;

/** What the verify hot path reads: the certificate's state and the minimal face. */
export type StateRow = Prisma.CertificateGetPayload<{
  select: { id: true; typeCode: true; carrier: true; status: true; validFrom: true; validUntil: true; numberMasked: true; activatedAt: true; presentationEpoch: true; holder: { select: { kind: true; name: true } } };
}>;

const stateSql = `SELECT c."id", c."typeCode", c."carrier"::text, c."status"::text, c."validFrom"::text AS "validFrom", c."validUntil"::text AS "validUntil",
  c."numberMasked", c."activatedAt", c."presentationEpoch", h."kind"::text AS "holderKind", h."name" AS "holderName"
FROM "Certificate" c JOIN "Holder" h ON h."id" = c."holderId" WHERE c."id" = $1::uuid`;

/**
 * The state row in one SQL statement on the pool under Prisma. Prisma reads the certificate
 * and its holder as two queries and plans both in its query compiler: ~2.5 ms of CPU per
 * verification when the state is not cached (bench/presentation.ts, PRESENTATION_STATE_CACHE_MS=0).
 * Dates travel as text (YYYY-MM-DD) and become UTC midnights, as Prisma returns them,
 * whatever the process time zone.
 */
export async function readCertificateState(sql: Sql, certificateId: string): Promise<StateRow | null> {
  const { rows } = await sql.query<StateSqlRow>(stateSql, [certificateId]);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    typeCode: r.typeCode,
    carrier: r.carrier,
    status: r.status,
    validFrom: utcDate(r.validFrom),
    validUntil: r.validUntil === null ? null : utcDate(r.validUntil),
    numberMasked: r.numberMasked,
    activatedAt: r.activatedAt,
    presentationEpoch: r.presentationEpoch,
    holder: { kind: r.holderKind, name: r.holderName },
  };
}

type StateSqlRow = Omit<StateRow, 'validFrom' | 'validUntil' | 'holder'> & { validFrom: string; validUntil: string | null; holderKind: StateRow['holder']['kind']; holderName: string };

const utcDate = (isoDay: string) => new Date(`${isoDay}T00:00:00.000Z`);

async function photoUrl(row: FaceRow, storage: ObjectStorage, ttlSeconds: number): Promise<string | null> {
  const key = row.portraitPhoto?.processedKey ?? row.portraitPhoto?.originalKey;
  return key ? (await storage.signedUrl(key, { expiresInSeconds: ttlSeconds })).url : null;
}

const typeName = (code: string) => getCertificateType(code)?.name ?? code;

export async function presentHolderFace(row: FaceRow, storage: ObjectStorage, ttlSeconds: number): Promise<PresentationFace> {
  const status = effectiveStatus(row);
  return {
    certificateId: row.id,
    typeCode: row.typeCode,
    typeName: typeName(row.typeCode),
    holderName: row.holder.name,
    holderNameMasked: maskHolderName(row.holder.kind, row.holder.name),
    numberMasked: row.numberMasked,
    carrier: row.carrier,
    status: status.status,
    statusLabel: status.statusLabel,
    validFrom: isoDate(row.validFrom),
    validUntil: isoDateOrNull(row.validUntil),
    issuingAuthority: row.issuingAuthority,
    plateNumber: row.vehicle?.plateNumber ?? null,
    details: faceDetails(row.typeCode, row.extension, row.vehicle, idDerivedKeys(row.typeCode)).map(({ label, value }) => ({ label, value })),
    photoUrl: await photoUrl(row, storage, ttlSeconds),
  };
}

/**
 * The certificate as a verifier sees it, and the names of the fields shown (the usage
 * log keeps only those). Anonymous: type, masked name, masked number, validity end,
 * status. Staff: everything on the face, the holder's name in full.
 */
export async function presentVerifiedFace(
  row: StateRow,
  scope: VerifierScope,
  /** The whole face by certificate id, read only for the staff view. */
  full: (id: string) => Promise<FaceRow>,
  storage: ObjectStorage,
  ttlSeconds: number,
): Promise<{ certificate: VerifiedCertificate; fieldsShown: string[] }> {
  const status = effectiveStatus(row);
  const certificate: VerifiedCertificate = {
    typeCode: row.typeCode,
    typeName: typeName(row.typeCode),
    holderNameMasked: maskHolderName(row.holder.kind, row.holder.name),
    numberMasked: row.numberMasked,
    validUntil: isoDateOrNull(row.validUntil),
    status: status.status,
    statusLabel: status.statusLabel,
  };
  const fieldsShown = ['type', 'holderNameMasked', 'numberMasked', 'validUntil', 'status'];
  if (scope !== 'staff') return { certificate, fieldsShown };
  const face = await full(row.id);
  Object.assign(certificate, {
    certificateId: face.id,
    holderName: face.holder.name,
    validFrom: isoDate(face.validFrom),
    issuingAuthority: face.issuingAuthority,
    plateNumber: face.vehicle?.plateNumber ?? null,
    details: faceDetails(face.typeCode, face.extension, face.vehicle, idDerivedKeys(face.typeCode)).map(({ label, value }) => ({ label, value })),
    photoUrl: await photoUrl(face, storage, ttlSeconds),
  });
  fieldsShown.push('holderName', 'validFrom', 'issuingAuthority', 'plateNumber', 'details', 'photo');
  return { certificate, fieldsShown };
}
