import type { HolderKind } from '../domain/codes';
import type { CodeListId } from './code-lists';
import type { CertificateTypeCode } from './type-codes';

/** The three classes of road-transport certificate (三类). */
export type CertificateCategory = 'RA' | 'RB' | 'RE';

/** Chinese labels for {@link CertificateCategory}. */
export const certificateCategoryLabels: Record<CertificateCategory, string> = {
  RA: '经营许可证',
  RB: '运输证',
  RE: '从业资格证',
};

interface FieldBase {
  /** Key inside the certificate's `extendInfo` JSON. */
  key: string;
  /** Label as printed on the certificate face. */
  label: string;
  required: boolean;
  /** Short help text for the form, in Chinese. */
  hint?: string;
}

/**
 * A per-type extension field (the business-specific part of GB/T 36903
 * `extend_info`). Generic metadata — holder, number, issuer, validity, area
 * code — is common to all types and not repeated here. `kind` names the
 * validator that applies; code fields name their code list.
 */
export type CertificateFieldDefinition =
  | (FieldBase & { kind: 'text'; maxLength: number })
  | (FieldBase & { kind: 'date' | 'plate' | 'licenceClass' | 'areaCode' | 'creditCode' })
  | (FieldBase & { kind: 'code'; codeList: CodeListId; multiple: boolean; allowedCodes?: readonly string[] })
  | (FieldBase & { kind: 'qualificationCategory'; multiple: boolean; allowedCodes?: readonly string[] });

/** The validator family a field needs. */
export type CertificateFieldKind = CertificateFieldDefinition['kind'];

/**
 * How long a certificate lasts and what keeps it alive. Values marked
 * `provincialVariable` are defaults that the issuing province may change.
 */
export interface ValidityRule {
  kind: 'years';
  years: number;
  /** Renewal may be applied for this many days before expiry. */
  renewalWindowDays?: number;
  /** Cancelled (注销) when not renewed this many days after expiry. */
  lapseAfterDays?: number;
  /** Periodic review (年审 / 诚信考核) interval within the validity period. */
  reviewIntervalMonths?: number;
  provincialVariable: boolean;
}

/** Portrait photo requirements for person certificates. */
export interface PhotoSpec {
  widthPx: number;
  heightPx: number;
  background: 'WHITE';
  mimeType: 'image/jpeg';
  maxBytes: number;
  /** False while the figures are our assumption rather than the standard's. */
  confirmed: boolean;
}

/** A deliberately loose check on the certificate number (domain.md §4.3). */
export interface NumberFormat {
  /** Tested against the normalised number (half-width, upper case, no spaces). */
  pattern: RegExp;
  description: string;
  examples: readonly string[];
}

/** Everything the product knows about one certificate type. */
export interface CertificateTypeDefinition {
  /** Suffix of the type code, e.g. 'D071'. */
  code: CertificateTypeCode;
  /** Full 21-character ministry type code, e.g. '11100000000019713D071'. */
  typeCode: string;
  name: string;
  shortName: string;
  category: CertificateCategory;
  holderKind: HolderKind;
  /** Data standard, e.g. 'JT/T 1290-2019'. */
  standard: string;
  /** False where domain.md marks the standard as probable but unconfirmed. */
  standardConfirmed: boolean;
  fields: readonly CertificateFieldDefinition[];
  validity: ValidityRule;
  /** Portrait photo spec; null for operator and vehicle certificates. */
  photo: PhotoSpec | null;
  numberFormat: NumberFormat;
  /** True for 运输证 (RB), which are issued per vehicle. */
  plateRequired: boolean;
}
