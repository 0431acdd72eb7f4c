import {
  fieldValueFromForm,
  isEmptyFieldValue,
  maskIdNumber,
  type ApplicationKind,
  type CertificateTypeDefinition,
  type IssueReason,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { FieldCrypto, SealedValue } from '../../lib/field-crypto';
import { issuingAuthorityFor, type IssuingAuthorities } from '../../lib/issuing-authorities';
import type { CertificateRow, HolderRow } from './applications.repo';

/**
 * The terms of a certificate being issued, decided from the type's rules, the holder, the
 * base certificate and the form (docs/applications.md, "Issuance"): no database access.
 */

const DAY = 86_400_000;

export const issueReasonOf: Record<ApplicationKind, IssueReason> = {
  INITIAL: 'INITIAL',
  CONVERSION: 'REPLACEMENT',
  REPLACEMENT: 'REPLACEMENT',
  REISSUE: 'REISSUE',
  CHANGE: 'CHANGE',
  RENEWAL: 'RENEWAL',
};

export const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const today = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));

export type Authority = { name: string; code: string };

/** Issuer: the base certificate's authority, else the region's configured default (ROADCERT_ISSUING_AUTHORITIES). */
export function authorityFor(
  authorities: IssuingAuthorities,
  base: CertificateRow | null,
  areaCode: string,
): Authority {
  if (base) return { name: base.issuingAuthority, code: base.issuingAuthorityCode };
  const configured = issuingAuthorityFor(authorities, areaCode);
  if (!configured) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '未配置该地区的发证机关，暂不能发证' });
  return { name: configured.name, code: configured.uscc };
}

/**
 * Number: 从业资格证 (person types) = the holder's ID number, sealed like the seed does;
 * the others keep the base's number, or get a new one from the area code.
 */
export function numberFor(
  crypto: FieldCrypto,
  type: CertificateTypeDefinition,
  holder: HolderRow,
  base: CertificateRow | null,
  areaCode: string,
): { number: string; sealed: Omit<SealedValue, 'hashes'> } {
  if (type.holderKind === 'PERSON') {
    if (!holder.idNumberEnc) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '持证人身份信息不完整' });
    const number = crypto.decrypt(holder.idNumberEnc, 'idNumber');
    const { enc } = crypto.sealIdNumber(number, 'certificateNumber');
    return { number, sealed: { enc, hash: crypto.blindIndex(number, 'id-number'), masked: maskIdNumber(number) } };
  }
  if (base) {
    const number = crypto.decrypt(base.numberEnc, 'certificateNumber');
    const enc = crypto.encrypt(number, 'certificateNumber');
    return { number, sealed: { enc, hash: base.numberHash, masked: base.numberMasked } };
  }
  const number = `${areaCode}${Date.now().toString().slice(-8)}`;
  return { number, sealed: crypto.seal(number, 'certificateNumber', 'certificate-number', (n) => n) };
}

/** Validity: 申领 and 延续 start a new period by the type's rule; the others keep the base's. */
export function validityFor(
  type: CertificateTypeDefinition,
  kind: ApplicationKind,
  base: CertificateRow | null,
  now: Date,
) {
  const issuedOn = today(now);
  const newPeriod = !base || kind === 'INITIAL' || kind === 'RENEWAL';
  return {
    issuedOn,
    validFrom: newPeriod ? issuedOn : base.validFrom,
    validUntil: newPeriod ? addDays(issuedOn, Math.round(type.validity.years * 365.25) - 1) : base.validUntil,
    reviewDueOn: type.validity.reviewIntervalMonths ? addMonths(issuedOn, type.validity.reviewIntervalMonths) : null,
  };
}

/**
 * Extension: the base's fields, overridden by the form's values for the type's declared
 * fields, stored in the certificate's shape (multiple-choice codes as arrays).
 */
export function extensionFor(type: CertificateTypeDefinition, base: CertificateRow | null, formData: unknown) {
  const form = (formData ?? {}) as Record<string, unknown>;
  const extension: Record<string, unknown> = { ...((base?.extension ?? {}) as Record<string, unknown>) };
  for (const field of type.fields) {
    const value = form[field.key];
    if (
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
      !isEmptyFieldValue(value)
    )
      extension[field.key] = fieldValueFromForm(field, value);
  }
  return extension;
}
