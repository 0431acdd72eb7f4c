import { carrierList, type Carrier } from '../domain/codes';
import { certificateTypes, getCertificateType } from '../registry/certificate-types';
import { certificateTypeCodes, type CertificateTypeCode } from '../registry/type-codes';
import type { CertificateTypeDefinition } from '../registry/types';
import type { ComplianceRule, ComplianceRuleBasis } from './types';

/** Helpers the rule files share. */

export const ALL_CARRIERS: readonly Carrier[] = carrierList;
export const ELECTRONIC_ONLY: readonly Carrier[] = ['ELECTRONIC'];
export const NOT_ELECTRONIC: readonly Carrier[] = ['PAPER', 'IC_CARD'];

/** Every registry type, in registry order. */
export const ALL_TYPES: readonly CertificateTypeCode[] = certificateTypeCodes;

/** The registry types that satisfy `predicate`, so rules follow the registry when it changes. */
export function typesWhere(predicate: (type: CertificateTypeDefinition) => boolean): CertificateTypeCode[] {
  return certificateTypes.filter(predicate).map((type) => type.code);
}

/** Standards named in domain.md and treated as settled. */
export const standard = (source: string): ComplianceRuleBasis => ({ source, confirmed: true });
/** Our reading where public material is silent or only indirect (待核实). */
export const ours = (source: string): ComplianceRuleBasis => ({ source, confirmed: false });

/** Builds a rule with the common defaults: all types, all carriers, full stage only. */
export function rule(
  definition: Omit<ComplianceRule, 'appliesTo' | 'atSubmit'> & {
    types?: readonly CertificateTypeCode[];
    carriers?: readonly Carrier[];
    atSubmit?: boolean;
  },
): ComplianceRule {
  const { types = ALL_TYPES, carriers = ALL_CARRIERS, atSubmit = false, ...rest } = definition;
  return { ...rest, appliesTo: { types, carriers }, atSubmit };
}

const exactTypes = new Map<string, CertificateTypeDefinition>(
  certificateTypes.flatMap((type) => [
    [type.code, type],
    [type.typeCode, type],
  ]),
);

/**
 * The registry type of a code: an exact map hit for 'D071' or the full ministry code,
 * else the registry's normalising lookup (lower case, spaces, full-width).
 */
export function resolveType(code: string): CertificateTypeDefinition | undefined {
  return exactTypes.get(code) ?? getCertificateType(code);
}
