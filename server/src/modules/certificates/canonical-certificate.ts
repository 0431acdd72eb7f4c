import { createHash, type KeyObject } from 'node:crypto';
import type { IssueReason } from '@roadcert/shared';
import { canonicalJson } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import { sm2SignDer, sm2VerifyDer } from '../../lib/sm2-der';

/** The one signature algorithm certificates are issued with (Certificate.signatureAlg, SigningKey.algorithm). */
export const SIGNATURE_ALGORITHM = 'SM2-SM3';

/** The certificate face data that is signed: every field a verifier compares (docs/applications.md, "Signature format"). */
export type CanonicalCertificateData = {
  typeCode: string;
  typeName: string;
  identifier: string;
  number: string;
  holderName: string;
  holderTypeCode: string;
  holderIdentityCode: string;
  carrier: 'ELECTRONIC';
  version: number;
  issueReason: IssueReason;
  firstIssuedOn: string | null;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  issuingAuthority: string;
  issuingAuthorityCode: string;
  areaCode: string;
  extension: Record<string, unknown>;
};

/** The exact bytes that are signed: sorted-key JSON (no whitespace), UTF-8. */
export const canonicalBytes = (data: CanonicalCertificateData) => Buffer.from(canonicalJson(data), 'utf8');

/** SM2 signature with SM3 and the standard user id 1234567812345678, DER (docs/presentation-token.md, "SM2"). */
export const signCanonical = (data: CanonicalCertificateData, privateKey: KeyObject) =>
  sm2SignDer(canonicalBytes(data), privateKey);
export const verifyCanonical = (data: CanonicalCertificateData, signature: Uint8Array, publicKey: KeyObject) =>
  sm2VerifyDer(canonicalBytes(data), signature, publicKey);

/**
 * The aggregation outbox payload of a certificate's canonical bytes (issuance, an accepted
 * supplement): the bytes encrypted (they carry the ID number), their SHA-256, and the signature
 * when the certificate is electronic (null for paper and IC-card records).
 */
export function aggregationPayload(
  fieldCrypto: Pick<FieldCrypto, 'encrypt'>,
  bytes: Buffer,
  identifier: string | null,
  signed: { signature: Buffer; keyId: string } | null,
) {
  return {
    canonicalEnc: Buffer.from(fieldCrypto.encrypt(bytes.toString('utf8'), 'aggregation.canonical')).toString('base64'),
    canonicalSha256: createHash('sha256').update(bytes).digest('hex'),
    signatureAlg: signed ? SIGNATURE_ALGORITHM : null,
    signatureKeyId: signed?.keyId ?? null,
    signature: signed ? signed.signature.toString('base64') : null,
    identifier,
  };
}
