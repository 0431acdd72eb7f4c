import { getCertificateType, type VerifiedCertificate } from '@roadcert/shared';
import { formatDate } from '../../lib/format';

/** One line of the certificate as a verifier sees it. */
export interface FaceRow {
  label: string;
  value: string;
}

/** The validity end as its own row: 有效期至 | 2032年05月27日, or 有效期 | 长期有效 (not 有效期 | 有效期至 …). */
const validityRow = (validUntil: string | null): FaceRow =>
  validUntil === null ? { label: '有效期', value: '长期有效' } : { label: '有效期至', value: formatDate(validUntil) };

/**
 * The certificate the service returned, scoped to the viewer: anonymous viewers get type, masked
 * name and number, status and validity end; staff get the rest. Only what is present is shown.
 */
export function verifiedFaceRows(certificate: VerifiedCertificate): FaceRow[] {
  const rows: FaceRow[] = [
    { label: '证照', value: certificate.typeName },
    { label: '持证人', value: certificate.holderName ?? certificate.holderNameMasked },
    { label: '证号', value: certificate.numberMasked },
    { label: '状态', value: certificate.statusLabel },
  ];
  if (certificate.plateNumber) rows.push({ label: '车牌', value: certificate.plateNumber });
  for (const detail of certificate.details ?? []) rows.push(detail);
  // ISO dates: the range fits one line on a 360-px phone.
  if (certificate.validFrom && certificate.validUntil)
    rows.push({ label: '有效期', value: `${certificate.validFrom} 至 ${certificate.validUntil}` });
  else rows.push(validityRow(certificate.validUntil));
  if (certificate.issuingAuthority) rows.push({ label: '发证机关', value: certificate.issuingAuthority });
  return rows;
}

/** What an offline check can show: the signed claims of the token (masked, minimal). */
export function claimFaceRows(claims: {
  typeCode: string;
  holderNameMasked: string;
  numberMasked: string;
  validUntil: string | null;
}): FaceRow[] {
  return [
    { label: '证照', value: getCertificateType(claims.typeCode)?.name ?? claims.typeCode },
    { label: '持证人', value: claims.holderNameMasked },
    { label: '证号', value: claims.numberMasked },
    validityRow(claims.validUntil),
  ];
}
