import { isIsoDate } from '../validators/dates';
import { parseLicenceClasses } from '../validators/licence-class';
import { normaliseCode } from '../validators/normalise';
import { validatePlateNumber } from '../validators/plate-number';
import { validateQualificationCategory } from '../validators/qualification-category';
import { validateAreaCode } from '../validators/area-code';
import { validateSocialCreditCode } from '../validators/social-credit-code';
import { codeLists } from './code-lists';
import { getCertificateType } from './certificate-types';
import type { CertificateFieldDefinition } from './types';

/**
 * Values of the registry's extension fields in their two shapes, and the one check both
 * shapes go through:
 * - in a certificate's `extension` a field with `multiple: true` holds an array of codes
 *   (`qualificationCategories: ['02001']`, `businessScope: ['021', '022']`), every other
 *   field a string;
 * - in an application form (flat scalars) the same field is the codes joined by ','.
 */

/** Separators people type between codes (02001,09003 / 02001、09003 / 02001 09003). */
const CODE_SEPARATORS = /[,，、;；\s]+/;

/** Whether a field holds several codes. */
export function isMultipleField(field: CertificateFieldDefinition): boolean {
  return (field.kind === 'code' || field.kind === 'qualificationCategory') && field.multiple;
}

/** An extension value as the form shows it: arrays joined with ','; other values unchanged. */
export function fieldValueToForm(_field: CertificateFieldDefinition, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** Single-value kinds that hold a code: stored in canonical form (half-width, no spaces, upper case). */
const CODE_KINDS: ReadonlySet<CertificateFieldDefinition['kind']> = new Set([
  'code',
  'licenceClass',
  'plate',
  'creditCode',
  'areaCode',
]);

/**
 * A form value as the certificate stores it: codes split into an array for multiple fields,
 * single codes (准驾车型 a２ → A2, plates, credit codes) in canonical form, other strings trimmed.
 */
export function fieldValueFromForm(
  field: CertificateFieldDefinition,
  value: string | number | boolean,
): string | string[] {
  const text = String(value).trim();
  if (isMultipleField(field)) return text.split(CODE_SEPARATORS).filter(Boolean).map(normaliseCode);
  return CODE_KINDS.has(field.kind) ? normaliseCode(text) : text;
}

/** True when the value counts as not filled in. */
export function isEmptyFieldValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function codeProblem(field: Extract<CertificateFieldDefinition, { kind: 'code' }>, code: string): string | null {
  const list = codeLists[field.codeList];
  if (list.values !== null && !Object.prototype.hasOwnProperty.call(list.values, code))
    return `${field.label}代码“${code}”不在${list.name}代码表中`;
  if (list.values === null && list.pattern && !list.pattern.test(code))
    return `${field.label}代码“${code}”格式不正确（${list.patternDescription ?? list.source}）`;
  if (field.allowedCodes && !field.allowedCodes.includes(code)) return `${field.label}“${code}”不适用于该证照`;
  return null;
}

/**
 * Checks one value of a declared field (either shape): the Chinese message, or null when
 * it is acceptable. Empty values pass here; whether they are required is the caller's rule.
 */
export function checkFieldValue(field: CertificateFieldDefinition, value: unknown): string | null {
  if (isEmptyFieldValue(value)) return null;
  const multiple = isMultipleField(field);
  let codes: string[];
  if (Array.isArray(value)) {
    if (!multiple || !value.every((v) => typeof v === 'string')) return `${field.label}格式不正确`;
    codes = (value as string[]).map(normaliseCode);
  } else if (typeof value === 'string') {
    codes = multiple ? value.split(CODE_SEPARATORS).filter(Boolean).map(normaliseCode) : [value];
  } else {
    return `${field.label}格式不正确`;
  }
  const text = codes[0]!;
  const result = (r: { ok: true } | { ok: false; message: string }) => (r.ok ? null : r.message);
  switch (field.kind) {
    case 'text':
      return text.length > field.maxLength ? `${field.label}不能超过${field.maxLength}个字` : null;
    case 'date':
      return isIsoDate(text) ? null : `${field.label}应为有效日期（YYYY-MM-DD）`;
    case 'licenceClass':
      return result(parseLicenceClasses(text));
    case 'plate':
      return result(validatePlateNumber(text));
    case 'areaCode':
      return result(validateAreaCode(text));
    case 'creditCode':
      return result(validateSocialCreditCode(text));
    case 'qualificationCategory':
      for (const code of codes) {
        const problem = result(validateQualificationCategory(code));
        if (problem) return problem;
        if (field.allowedCodes && !field.allowedCodes.includes(code)) return `${field.label}“${code}”不适用于该证照`;
      }
      return null;
    case 'code':
      for (const code of codes) {
        const problem = codeProblem(field, code);
        if (problem) return problem;
      }
      return null;
  }
}

/** The message for a required field left empty: pick-lists say 选择, the others 填写. */
export function missingFieldMessage(field: CertificateFieldDefinition): string {
  return field.kind === 'code' || field.kind === 'qualificationCategory' || field.kind === 'licenceClass'
    ? `请选择${field.label}`
    : `请填写${field.label}`;
}

/**
 * Checks a certificate's stored `extension` against its type: every key must be declared
 * by the type and every value must pass {@link checkFieldValue}. Required fields may be
 * missing (incomplete records exist and are the completeness work's to find).
 * Returns key → Chinese message; empty when all is well.
 */
export function checkCertificateExtension(
  typeCode: string,
  extension: Record<string, unknown>,
): Record<string, string> {
  const type = getCertificateType(typeCode);
  if (!type) return { typeCode: `未知的证照类型“${typeCode}”` };
  const problems: Record<string, string> = {};
  const fields = new Map(type.fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(extension)) {
    const field = fields.get(key);
    if (!field) {
      problems[key] = `“${key}”不是${type.shortName}的字段`;
      continue;
    }
    const problem = checkFieldValue(field, value);
    if (problem) problems[key] = problem;
  }
  return problems;
}
