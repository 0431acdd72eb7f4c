import {
  certificateStatuses,
  chinaToday,
  codeLists,
  getCertificateType,
  getQualificationCategory,
  type CertificateFieldDefinition,
  type CertificateStatus,
} from '@roadcert/shared';
import { isoDate } from './certificates.presenter';

/** A Postgres DATE as YYYY-MM-DD, or null. */
export const isoDateOrNull = (d: Date | null) => (d ? isoDate(d) : null);

/**
 * The status a verifier should read: a VALID row whose validity has run out is 已过期 even
 * if the nightly status job has not caught up; `valid` also needs today inside the validity.
 */
export function effectiveStatus(
  row: { status: CertificateStatus; validFrom: Date; validUntil: Date | null },
  now = new Date(),
) {
  const today = chinaToday(now);
  let status = row.status;
  if (status === 'VALID' && row.validUntil && isoDate(row.validUntil) < today) status = 'EXPIRED';
  const valid = status === 'VALID' && isoDate(row.validFrom) <= today;
  return { status, statusLabel: certificateStatuses[status].label, valid };
}

type VehicleFacts = {
  plateNumber: string;
  plateColour: string;
  vehicleTypeCode: string | null;
  capacity: string | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
} | null;

/** One extension value as people read it: code lists by their names, several codes joined with 、. */
function displayValue(field: CertificateFieldDefinition, value: unknown): string | null {
  const items = (Array.isArray(value) ? value : [value])
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String)
    .filter((v) => v.trim() !== '');
  if (items.length === 0) return null;
  if (field.kind === 'code') {
    const values = codeLists[field.codeList].values;
    return items.map((c) => values?.[c] ?? c).join('、');
  }
  if (field.kind === 'qualificationCategory')
    return items.map((c) => getQualificationCategory(c)?.name ?? c).join('、');
  return items.join('、');
}

/**
 * Face keys that derive from the holder's ID number — fields drawing on the registry's
 * 性别 code list — and so are personal data that no face shows.
 */
export const idDerivedKeys = (typeCode: string): string[] =>
  (getCertificateType(typeCode)?.fields ?? [])
    .filter((f) => f.kind === 'code' && f.codeList === 'sex')
    .map((f) => f.key);

/** Vehicle dimensions from the vehicle record when the certificate does not carry them. */
export const vehicleDimensions = (v: VehicleFacts) =>
  v?.lengthMm && v.widthMm && v.heightMm ? `${v.lengthMm}×${v.widthMm}×${v.heightMm}毫米` : null;

/**
 * The per-type face fields (registry extension) as label/value pairs, in registry order,
 * leaving out `exclude` keys (e.g. 性别, which derives from the ID number) and empty ones.
 * Vehicle facts fill in what the extension lacks.
 */
export function faceDetails(
  typeCode: string,
  extension: unknown,
  vehicle: VehicleFacts,
  exclude: readonly string[] = [],
) {
  const type = getCertificateType(typeCode);
  const ext = (extension && typeof extension === 'object' && !Array.isArray(extension) ? extension : {}) as Record<
    string,
    unknown
  >;
  const fromVehicle: Record<string, unknown> = vehicle
    ? {
        plateNumber: vehicle.plateNumber,
        plateColour: vehicle.plateColour,
        vehicleType: vehicle.vehicleTypeCode,
        capacity: vehicle.capacity,
        dimensions: vehicleDimensions(vehicle),
      }
    : {};
  const details: { key: string; label: string; value: string }[] = [];
  for (const field of type?.fields ?? []) {
    if (exclude.includes(field.key)) continue;
    let value = displayValue(field, ext[field.key] ?? fromVehicle[field.key]);
    // 车辆尺寸 is recorded as 长×宽×高 in millimetres; say the unit.
    if (value !== null && field.key === 'dimensions' && /^\d+[×xX*]\d+[×xX*]\d+$/.test(value))
      value = `${value.replace(/[xX*]/g, '×')}毫米`;
    if (value !== null) details.push({ key: field.key, label: field.label, value });
  }
  return details;
}
