import {
  certificateFileLimits,
  getCertificateType,
  type CertificateFileFormat,
  type CertificateFileVerification,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import { canonicalJson } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import { canonicalDataOf, effectiveStatus, isoDateOrNull } from '../certificates';
import type { CertificateFileRepo } from './certificate-file.repo';
import { verifyWithSpki } from './file-signer';
import { checkOfdSignature } from './ofd-signature';
import { DATA_ATTACHMENT } from './ofd-package';
import { checkPdfSignature } from './pdf-signature-check';
import { readZip } from './zip-reader';

/**
 * Verification of an uploaded certificate file (OFD or PDF, sniffed from its first bytes):
 * the signature and every digest first (altered), then whose key signed (unknown signer),
 * then the data against the certificate as it stands now (superseded, not found), and last
 * the certificate's status (valid, or 已暂扣 / 已撤销 / 已过期 …).
 */

export type InspectedFile = {
  format: CertificateFileFormat;
  problems: string[];
  signerKey: Uint8Array | null;
  dataJson: string | null;
  signedAt: string | null;
};

export function sniffFormat(bytes: Buffer): CertificateFileFormat {
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'ofd';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  throw new AppError('CERTIFICATE_FILE_TYPE');
}

/** Signature and digests of a file, without the database. */
export function inspectCertificateFile(bytes: Buffer): InspectedFile {
  if (bytes.length > certificateFileLimits.maxUploadBytes) throw new AppError('CERTIFICATE_FILE_TOO_LARGE');
  const format = sniffFormat(bytes);
  if (format === 'pdf') {
    const check = checkPdfSignature(bytes, verifyWithSpki);
    return { format, ...check, signedAt: null };
  }
  const files = readZip(bytes);
  const check = checkOfdSignature(files, verifyWithSpki);
  return { format, ...check, dataJson: files.get(DATA_ATTACHMENT)?.toString('utf8') ?? null };
}

const verdicts = {
  altered: '文件已被篡改：签名或文件摘要不符',
  unknown_signer: '签名不是本系统发证密钥所签，无法确认真伪',
  not_found: '签名有效，但未找到该证照',
  superseded: '签名有效，但证照信息已变更，此文件不是最新版本，请向持证人索取新文件',
} as const;

function identifierOf(dataJson: string | null): string | null {
  try {
    const data = JSON.parse(dataJson ?? '') as { identifier?: unknown };
    return typeof data.identifier === 'string' ? data.identifier : null;
  } catch {
    return null;
  }
}

export function createFileVerifier(deps: { repo: CertificateFileRepo; fieldCrypto: FieldCrypto }) {
  return async function verifyCertificateFile(bytes: Buffer, now = new Date()): Promise<CertificateFileVerification> {
    const inspected = inspectCertificateFile(bytes);
    const base = {
      format: inspected.format,
      problems: inspected.problems,
      certificate: null,
      signedAt: inspected.signedAt,
    };
    if (inspected.problems.length > 0) return { ...base, verdict: 'altered', message: verdicts.altered };
    if (!inspected.signerKey || !(await deps.repo.isCertificateKey(inspected.signerKey)))
      return { ...base, verdict: 'unknown_signer', message: verdicts.unknown_signer };
    const identifier = identifierOf(inspected.dataJson);
    const row = identifier ? await deps.repo.byIdentifier(identifier) : null;
    const type = row && getCertificateType(row.typeCode);
    if (!row || !type) return { ...base, verdict: 'not_found', message: verdicts.not_found };

    const current = canonicalDataOf(row, deps.fieldCrypto.decrypt(row.numberEnc, 'certificateNumber'), type);
    const status = effectiveStatus(row, now);
    const certificate = {
      identifier: current.identifier,
      typeName: type.name,
      status: status.status,
      statusLabel: status.statusLabel,
      validUntil: isoDateOrNull(row.validUntil),
      version: row.version,
    };
    if (canonicalJson(current) !== inspected.dataJson)
      return { ...base, certificate, verdict: 'superseded', message: verdicts.superseded };
    if (!status.valid)
      return {
        ...base,
        certificate,
        verdict: 'not_valid',
        message: `文件真实，但证照${status.statusLabel}，当前不能作为有效证照使用`,
      };
    return { ...base, certificate, verdict: 'valid', message: '文件真实有效，证照状态正常' };
  };
}
