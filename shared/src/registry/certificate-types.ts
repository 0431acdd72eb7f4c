import { normaliseCode } from '../validators/normalise';
import {
  hazardousGoodsLicence,
  radioactiveGoodsLicence,
  rideHailingOperatingLicence,
  roadTransportOperatingLicence,
} from './operating-licences';
import {
  cruisingTaxiDriverCertificate,
  qualificationCertificate,
  rideHailingDriverCertificate,
} from './qualification-certificates';
import { rideHailingVehicleCertificate, roadTransportCertificate } from './transport-certificates';
import type { CertificateTypeCode } from './type-codes';
import type { CertificateTypeDefinition } from './types';

/** The nine road-transport certificate types (三类九证, domain.md §2), in the order of `certificateTypeCodes`. */
export const certificateTypes: readonly CertificateTypeDefinition[] = [
  roadTransportOperatingLicence,
  hazardousGoodsLicence,
  rideHailingOperatingLicence,
  radioactiveGoodsLicence,
  roadTransportCertificate,
  rideHailingVehicleCertificate,
  qualificationCertificate,
  cruisingTaxiDriverCertificate,
  rideHailingDriverCertificate,
];

/** Definitions by suffix, for callers that already hold a validated {@link CertificateTypeCode}. */
export const certificateTypeByCode = Object.fromEntries(certificateTypes.map((type) => [type.code, type])) as Readonly<
  Record<CertificateTypeCode, CertificateTypeDefinition>
>;

/** Indexed by both the suffix (D071) and the full ministry code (11100000000019713D071). */
const byCode = new Map<string, CertificateTypeDefinition>(
  certificateTypes.flatMap((type) => [
    [type.code, type],
    [type.typeCode, type],
  ]),
);

/**
 * Looks a type up by suffix ('D071') or full 21-character code, ignoring case
 * and spaces. Returns undefined for unknown codes rather than throwing,
 * because codes often arrive from outside (ministry data, query strings) and
 * callers must handle the miss anyway.
 */
export function getCertificateType(code: string): CertificateTypeDefinition | undefined {
  return byCode.get(normaliseCode(code));
}
