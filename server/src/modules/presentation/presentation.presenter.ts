import {
  getCertificateType,
  maskHolderName,
  type PresentationFace,
  type VerifiedCertificate,
  type VerifierScope,
} from '@roadcert/shared';
import type { ObjectStorage } from '../../adapters/storage';
import { effectiveStatus, faceDetails, idDerivedKeys, isoDate, isoDateOrNull } from '../certificates';
import type { FaceRow, StateRow } from './presentation.repo';

async function photoUrl(
  row: FaceRow,
  storage: Pick<ObjectStorage, 'signedUrl'>,
  ttlSeconds: number,
): Promise<string | null> {
  const key = row.portraitPhoto?.processedKey ?? row.portraitPhoto?.originalKey;
  return key ? (await storage.signedUrl(key, { expiresInSeconds: ttlSeconds })).url : null;
}

const typeName = (code: string) => getCertificateType(code)?.name ?? code;

export async function presentHolderFace(
  row: FaceRow,
  storage: Pick<ObjectStorage, 'signedUrl'>,
  ttlSeconds: number,
): Promise<PresentationFace> {
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
    details: faceDetails(row.typeCode, row.extension, row.vehicle, idDerivedKeys(row.typeCode)).map(
      ({ label, value }) => ({ label, value }),
    ),
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
  storage: Pick<ObjectStorage, 'signedUrl'>,
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
    details: faceDetails(face.typeCode, face.extension, face.vehicle, idDerivedKeys(face.typeCode)).map(
      ({ label, value }) => ({ label, value }),
    ),
    photoUrl: await photoUrl(face, storage, ttlSeconds),
  });
  fieldsShown.push('holderName', 'validFrom', 'issuingAuthority', 'plateNumber', 'details', 'photo');
  return { certificate, fieldsShown };
}
