import { getCertificateType } from '@roadcert/shared';
import { recordDigest, sealHolder, type MinistryRecord } from '../../adapters/ministry';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { ClaimedEntry, SourceRow } from './aggregation.repo';

export type RecordKeys = {
  fieldCrypto: Pick<FieldCrypto, 'decrypt'>;
  /** SM4 key (16 bytes) the holder block is sealed with for transport, and its id. */
  transport: { key: Buffer; keyId: string };
};

/** The national 21-character type code of a stored (short or full) code; unknown codes as they are. */
export const nationalTypeCode = (code: string) => getCertificateType(code)?.typeCode ?? code;

/**
 * The ministry record of one certificate version, built at send time from the current row:
 * GB/T 36902 目录信息 / GB/T 36903 元数据 fields, the holder (name, code, certificate number)
 * decrypted here and sealed at once for transport, never kept in clear, and the record's SM3 digest.
 */
export function buildRecord(entry: ClaimedEntry, row: SourceRow, keys: RecordKeys): MinistryRecord {
  const type = getCertificateType(row.typeCode);
  const number = keys.fieldCrypto.decrypt(row.numberEnc, 'certificateNumber');
  const code =
    row.holderKind === 'PERSON'
      ? row.holderIdEnc
        ? keys.fieldCrypto.decrypt(row.holderIdEnc, 'idNumber')
        : number
      : (row.holderCreditCode ?? '');
  const record: Omit<MinistryRecord, 'digest'> = {
    idempotencyKey: `${entry.certificateId}:${entry.version}`,
    certificateId: entry.certificateId,
    version: entry.version,
    event: entry.event,
    identifier: row.identifier,
    typeCode: type?.typeCode ?? row.typeCode,
    typeName: type?.name ?? row.typeCode,
    holder: {
      codeType: row.holderTypeCode,
      kind: row.holderKind,
      sealed: sealHolder({ name: row.holderName, code, number }, keys.transport.key),
      keyId: keys.transport.keyId,
    },
    numberMasked: row.numberMasked,
    issuer: { name: row.issuingAuthority, code: row.issuingAuthorityCode },
    issuedOn: row.issuedOn,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: row.status,
    statusReason: row.statusReason,
    carrier: row.carrier,
    areaCode: row.areaCode,
    activated: row.activated,
    changedAt: new Date(entry.changedAt).toISOString(),
    certificateSignature:
      row.signature && row.signatureAlg && row.signatureKeyId
        ? { alg: row.signatureAlg, keyId: row.signatureKeyId, value: Buffer.from(row.signature).toString('base64') }
        : null,
  };
  return { ...record, digest: recordDigest(record) };
}
