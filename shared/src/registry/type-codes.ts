import { z } from 'zod';

/**
 * 交通运输部's unified social credit code. A certificate type code is the
 * defining authority's credit code plus a 3-digit sequence (domain.md §2).
 */
export const MOT_CREDIT_CODE = '11100000000019713D';

/**
 * Suffixes of the nine road-transport certificate types (三类九证), i.e. the
 * last four characters of the ministry type code. The suffix is what the rest
 * of the product stores and shows (e.g. `CertificateSummary.typeCode`).
 */
export const certificateTypeCodes = ['D008', 'D016', 'D074', 'D079', 'D013', 'D073', 'D071', 'D075', 'D072'] as const;

/** One certificate-type suffix, e.g. 'D071'. */
export type CertificateTypeCode = (typeof certificateTypeCodes)[number];

/** Zod schema for a certificate-type suffix. */
export const certificateTypeCodeSchema = z.enum(certificateTypeCodes);

/** Type guard for a certificate-type suffix. */
export function isCertificateTypeCode(code: string): code is CertificateTypeCode {
  return (certificateTypeCodes as readonly string[]).includes(code);
}
