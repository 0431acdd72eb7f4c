import type { KeyObject } from 'node:crypto';
import type { IssueReason } from '@roadcert/shared';
import { canonicalJson } from '../../lib/audit';
import type { SigningPool } from '../../lib/signing-pool';
import { sm2RawToDer, sm2SignDer, sm2VerifyDer } from '../../lib/sm2-der';

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
/** The same signature made by the signing pool (worker threads) when there is one (issuance, supplements). */
export const signCanonicalWith = async (
  data: CanonicalCertificateData,
  privateKey: KeyObject,
  pool: Pick<SigningPool, 'sm2Sign'> | undefined,
) => (pool ? sm2RawToDer(await pool.sm2Sign(canonicalBytes(data))) : signCanonical(data, privateKey));
export const verifyCanonical = (data: CanonicalCertificateData, signature: Uint8Array, publicKey: KeyObject) =>
  sm2VerifyDer(canonicalBytes(data), signature, publicKey);

/** The stored columns the canonical data is rebuilt from (a certificate row with its holder). */
export type CanonicalSource = {
  typeCode: string;
  identifier: string | null;
  version: number;
  carrier: string;
  issueReason: string;
  firstIssuedOn: Date | null;
  issuedOn: Date;
  validFrom: Date;
  validUntil: Date | null;
  issuingAuthority: string;
  issuingAuthorityCode: string;
  areaCode: string;
  extension: unknown;
  holder: { kind: string; name: string; holderTypeCode: string; creditCode: string | null };
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The canonical data of a stored electronic certificate, rebuilt from its row and its number
 * (decrypted by the caller): what its signature covers, for checks after the fact.
 */
export function canonicalDataOf(
  row: CanonicalSource,
  number: string,
  type: { typeCode: string; name: string },
): CanonicalCertificateData {
  return {
    typeCode: type.typeCode,
    typeName: type.name,
    identifier: row.identifier ?? '',
    number,
    holderName: row.holder.name,
    holderTypeCode: row.holder.holderTypeCode,
    holderIdentityCode: row.holder.kind === 'PERSON' ? number : (row.holder.creditCode ?? ''),
    carrier: 'ELECTRONIC',
    version: row.version,
    issueReason: row.issueReason as IssueReason,
    firstIssuedOn: row.firstIssuedOn ? day(row.firstIssuedOn) : null,
    issuedOn: day(row.issuedOn),
    validFrom: day(row.validFrom),
    validUntil: row.validUntil ? day(row.validUntil) : null,
    issuingAuthority: row.issuingAuthority,
    issuingAuthorityCode: row.issuingAuthorityCode,
    areaCode: row.areaCode,
    extension: (row.extension ?? {}) as Record<string, unknown>,
  };
}
