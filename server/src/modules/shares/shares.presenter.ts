import {
  getCertificateType,
  maskHolderName,
  sharePurposes,
  type SharedCertificateFace,
  type SharePurpose,
  type ShareState,
  type ShareSummary,
} from '@roadcert/shared';
import { effectiveStatus, faceDetails, idDerivedKeys, isoDate, isoDateOrNull } from '../certificates';
import type { MatchedCertificate } from '../lookup';
import type { ShareOpenings, ShareSummaryRow } from './shares.repo';

export const purposeLabel = (code: string) => sharePurposes[code as SharePurpose]?.label ?? code;

/** 2026-12-27 18:00 in China time (UTC+8, no daylight saving). */
export const chinaDateTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The text drawn across every shared face: what for, for whom, until when. */
export function watermarkText(
  purposeCode: SharePurpose,
  purposeText: string,
  recipientName: string | null,
  expiresAt: Date,
) {
  const purpose = purposeText
    ? `${sharePurposes[purposeCode].label}（${purposeText}）`
    : sharePurposes[purposeCode].label;
  const parts = [
    `仅供${purpose}使用`,
    ...(recipientName ? [`接收方：${recipientName}`] : []),
    `有效期至${chinaDateTime(expiresAt)}`,
  ];
  return parts.join('｜').slice(0, 200);
}

export function shareState(row: { revokedAt: Date | null; expiresAt: Date }, now = new Date()): ShareState {
  if (row.revokedAt) return 'REVOKED';
  return row.expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
}

export function presentShareSummary(
  row: ShareSummaryRow,
  openings: ShareOpenings,
  ownHolderId: string | null,
  now = new Date(),
): ShareSummary {
  const opened = openings.get(row.id);
  return {
    id: row.id,
    purposeCode: row.purposeCode as SharePurpose,
    purposeLabel: purposeLabel(row.purposeCode),
    purposeText: row.purposeText,
    recipientName: row.recipientName,
    watermarkText: row.watermarkText,
    operatorName: row.holderId === ownHolderId ? null : row.holder.name,
    state: shareState(row, now),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    openCount: opened?.count ?? 0,
    lastOpenedAt: opened?.last.toISOString() ?? null,
    certificates: row.items.map(({ certificate: c }) => ({
      id: c.id,
      typeCode: c.typeCode,
      typeName: getCertificateType(c.typeCode)?.name ?? c.typeCode,
      numberMasked: c.numberMasked,
      plateNumber: c.vehicle?.plateNumber ?? null,
    })),
  };
}

/** Which usage-log field name a face detail counts as (shared faceFieldLabels). */
function fieldNameOf(key: string): string {
  if (['qualificationCategories', 'licenceClasses', 'firstIssuedDate', 'serviceCompany'].includes(key))
    return 'qualification';
  if (key === 'plateNumber') return 'plateNumber';
  if (
    [
      'plateColour',
      'vehicleType',
      'capacity',
      'dimensions',
      'brandModel',
      'seats',
      'operatingLicenceNumber',
      'reviewValidUntil',
    ].includes(key)
  )
    return 'vehicle';
  if (['businessScope', 'businessScopeText', 'hazardousGoodsClasses', 'serviceArea'].includes(key))
    return 'businessScope';
  if (['economicType', 'address', 'legalRepresentative', 'branchFlag'].includes(key)) return 'operatorDetails';
  return 'otherDetails';
}

/**
 * One certificate of an opened share: what a shipper or employer needs to rely on it —
 * masked personal number and name, status, validity, issuer, per-type details — and
 * never a photo. Returns the field names for the usage log.
 */
export function presentSharedFace(
  c: MatchedCertificate,
  now = new Date(),
): { face: SharedCertificateFace; fieldsShown: string[] } {
  const status = effectiveStatus(c, now);
  // 性别 derives from the ID number: never on a shared copy.
  const details = faceDetails(c.typeCode, c.extension, c.vehicle, idDerivedKeys(c.typeCode));
  const face: SharedCertificateFace = {
    typeCode: c.typeCode,
    typeName: getCertificateType(c.typeCode)?.name ?? c.typeCode,
    numberMasked: c.numberMasked,
    holderName: maskHolderName(c.holder.kind, c.holder.name),
    status: status.status,
    statusLabel: status.statusLabel,
    valid: status.valid,
    validFrom: isoDate(c.validFrom),
    validUntil: isoDateOrNull(c.validUntil),
    issuingAuthority: c.issuingAuthority,
    carrier: c.carrier,
    plateNumber: c.vehicle?.plateNumber ?? null,
    details: details.map(({ label, value }) => ({ label, value })),
  };
  const fields = [
    'type',
    'numberMasked',
    c.holder.kind === 'OPERATOR' ? 'holderName' : 'holderNameMasked',
    'status',
    'validity',
    'issuingAuthority',
    'carrier',
  ];
  if (c.vehicle) fields.push('plateNumber');
  for (const d of details) fields.push(fieldNameOf(d.key));
  return { face, fieldsShown: [...new Set(fields)] };
}
