import { buildCertificateIdentifier, getCertificateType, type IssueReason } from '@roadcert/shared';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { SigningPool } from '../../lib/signing-pool';
import type { KeyMaterial } from '../../lib/key-material';
import { isoDate, signCanonicalWith, SIGNATURE_ALGORITHM, type CanonicalCertificateData } from '../certificates';
import type { CertificateChange, ComplianceRepo, TaskRow } from './compliance.repo';

/**
 * What accepting a supplement does to the certificate, inside the acceptance's transaction:
 * the value written into its extension (or the portrait replaced), the version bumped, an
 * electronic certificate given its new GB/T 36904 identifier version and signed again (tokens
 * fetched ahead stop verifying: presentation epoch +1), the DATA_SUPPLEMENTED event, and the
 * aggregation outbox row (CHANGED). docs/compliance.md, "Accepting a supplement".
 */
export function createSupplementWriter(deps: {
  fieldCrypto: FieldCrypto;
  keys: Pick<KeyMaterial, 'signing'>;
  signingPool?: Pick<SigningPool, 'sm2Sign'>;
}) {
  async function apply(repo: ComplianceRepo, task: TaskRow, staffUserId: string) {
    const cert = await repo.certificateForUpdate(task.certificateId);
    const type = getCertificateType(cert.typeCode);
    const extension = { ...((cert.extension ?? {}) as Record<string, unknown>) };
    const field = type?.fields.find((f) => f.key === task.field);
    const version = cert.version + 1;
    const change: CertificateChange = { version };
    if (field && task.suppliedValue !== null) {
      // Stored at supply in the certificate's form (fieldValueFromForm), so written as it is.
      extension[field.key] = task.suppliedValue;
      change.extension = extension;
    }
    if (task.field === 'portrait' && task.evidencePhotoId) {
      await repo.releasePortraitPhoto(task.evidencePhotoId);
      change.portraitPhotoId = task.evidencePhotoId;
    }
    const number = deps.fieldCrypto.decrypt(cert.numberEnc, 'certificateNumber');
    const identifier =
      cert.carrier === 'ELECTRONIC' && cert.serial && type
        ? buildCertificateIdentifier({
            typeCode: type.typeCode,
            issuerCode: cert.issuingAuthorityCode,
            serial: cert.serial,
            version,
          })
        : cert.identifier;
    const data: Omit<CanonicalCertificateData, 'carrier'> & { carrier: string } = {
      typeCode: type?.typeCode ?? cert.typeCode,
      typeName: type?.name ?? cert.typeCode,
      identifier: identifier ?? '',
      number,
      holderName: cert.holder.name,
      holderTypeCode: cert.holder.holderTypeCode,
      holderIdentityCode: cert.holder.kind === 'PERSON' ? number : (cert.holder.creditCode ?? ''),
      carrier: cert.carrier,
      version,
      issueReason: cert.issueReason as IssueReason,
      firstIssuedOn: cert.firstIssuedOn ? isoDate(cert.firstIssuedOn) : null,
      issuedOn: isoDate(cert.issuedOn),
      validFrom: isoDate(cert.validFrom),
      validUntil: cert.validUntil ? isoDate(cert.validUntil) : null,
      issuingAuthority: cert.issuingAuthority,
      issuingAuthorityCode: cert.issuingAuthorityCode,
      areaCode: cert.areaCode,
      extension,
    };
    if (cert.carrier === 'ELECTRONIC') {
      const signing = deps.keys.signing;
      const signature = await signCanonicalWith(data as CanonicalCertificateData, signing.privateKey, deps.signingPool);
      const spki = signing.publicKey.export({ type: 'spki', format: 'der' });
      await repo.publishSigningKey({
        kid: signing.kid,
        algorithm: SIGNATURE_ALGORITHM,
        publicKey: new Uint8Array(spki),
      });
      change.signed = {
        identifier,
        signature: new Uint8Array(signature),
        signatureAlg: SIGNATURE_ALGORITHM,
        signatureKeyId: signing.kid,
        signedAt: new Date(),
      };
    }
    await repo.updateCertificate(cert.id, change);
    await repo.addEvent({
      certificateId: cert.id,
      actorKind: 'STAFF',
      actorId: staffUserId,
      detail: { taskId: task.id, ruleId: task.ruleCode, field: task.field, version },
    });
    // The record itself (signed, the holder sealed) is built at send time: docs/aggregation.md.
    await repo.enqueueAggregation(cert.id, 'CHANGED', { reason: 'DATA_SUPPLEMENTED', taskId: String(task.id) });
  }
  return { apply };
}

export type SupplementWriter = ReturnType<typeof createSupplementWriter>;
