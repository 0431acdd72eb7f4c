import {
  codeLists,
  getCertificateType,
  getQualificationCategory,
  validateApplicationForm,
  type ApplicationFormData,
  type ApplicationKind,
  type CertificateFieldDefinition,
} from '@roadcert/shared';

/**
 * The application form as the holder sees it: what the system filled in and only needs
 * confirming (信息免填报), the fields the registry declares for the type (confirm or 修改), and
 * the kind's own statement (补发: 遗失或损毁情况说明). Validation is the shared one the server runs
 * on submit, plus the required checks, so an error shows before the round trip.
 */

/** A fact taken from the records (real name, original certificate): shown, never typed. */
export interface PrefillRow {
  key: string;
  label: string;
  value: string;
}

export interface FormField {
  key: string;
  label: string;
  required: boolean;
  /** False for code-list values the form has no picker for yet: shown, corrected by staff. */
  editable: boolean;
  /** Long text (statements) gets a text area. */
  multiline: boolean;
  hint?: string;
  placeholder: string;
  maxLength?: number;
  /** Which step of the form carries it. */
  step: FormStep;
}

export const formSteps = ['confirm', 'materials', 'review'] as const;
export type FormStep = (typeof formSteps)[number];
export const formStepLabels: Record<FormStep, string> = {
  confirm: '核对信息',
  materials: '照片与材料',
  review: '确认提交',
};

const PREFILL_LABELS: Record<string, string> = {
  holderName: '姓名',
  idNumberMasked: '身份证号',
  creditCode: '统一社会信用代码',
  baseNumberMasked: '原证号',
  baseIssuingAuthority: '原发证机关',
};

/** 补发 asks for a written statement instead of any document (实体证照免提交). */
const LOSS_STATEMENT: FormField = {
  key: 'lossStatement',
  label: '遗失或损毁情况说明',
  required: true,
  editable: true,
  multiline: true,
  placeholder: '例如：2026年11月在广州市白云区遗失',
  maxLength: 200,
  step: 'materials',
};

const PLACEHOLDERS: Partial<Record<CertificateFieldDefinition['kind'], string>> = {
  date: '例如 2009-05-20',
  licenceClass: '例如 A2 或 B2,C1',
  qualificationCategory: '5位代码，例如 02001',
  plate: '例如 粤A12345',
  areaCode: '6位行政区划代码',
  creditCode: '18位统一社会信用代码',
};

function toFormField(field: CertificateFieldDefinition): FormField {
  return {
    key: field.key,
    label: field.label,
    required: field.required,
    editable: field.kind !== 'code',
    multiline: false,
    hint: field.hint,
    placeholder: PLACEHOLDERS[field.kind] ?? `请输入${field.label}`,
    maxLength: field.kind === 'text' ? field.maxLength : undefined,
    step: 'confirm',
  };
}

/** The fields of one type and kind, in registry order, then the kind's own. */
export function formFieldsFor(typeCode: string, kind: ApplicationKind): FormField[] {
  const type = getCertificateType(typeCode);
  const fields = (type?.fields ?? []).map(toFormField);
  if (kind === 'REISSUE') fields.push(LOSS_STATEMENT);
  return fields;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

/** Record facts in reading order; keys the server did not fill are left out. */
export function prefillRows(formData: Record<string, unknown>): PrefillRow[] {
  return Object.entries(PREFILL_LABELS)
    .filter(([key]) => text(formData[key]) !== '')
    .map(([key, label]) => ({ key, label, value: text(formData[key]) }));
}

/** The editable values as text, from the saved form. */
export function initialValues(fields: readonly FormField[], formData: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.key, text(formData[field.key])]));
}

/** What a stored value reads as: codes with their names (02001 经营性道路货物运输驾驶员, 1 男). */
export function displayValue(typeCode: string, key: string, value: string): string {
  if (value === '') return '未填写';
  const field = getCertificateType(typeCode)?.fields.find((candidate) => candidate.key === key);
  if (field?.kind === 'qualificationCategory') {
    return value
      .split(/[,，、\s]+/)
      .filter(Boolean)
      .map((code) => {
        const category = getQualificationCategory(code);
        return category ? `${code} ${category.name}` : code;
      })
      .join('、');
  }
  if (field?.kind === 'code') {
    const name = codeLists[field.codeList].values?.[value];
    return name ? `${value} ${name}` : value;
  }
  return value;
}

/** Field key → Chinese message; empty when the form can be submitted. */
export function validateForm(
  typeCode: string,
  fields: readonly FormField[],
  values: Record<string, string>,
): Record<string, string> {
  const trimmed = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()]));
  const problems = validateApplicationForm(typeCode, trimmed);
  for (const field of fields) {
    const value = trimmed[field.key] ?? '';
    if (!field.editable) continue;
    if (value === '' && field.required) problems[field.key] = `请填写${field.label}`;
    else if (field.maxLength !== undefined && value.length > field.maxLength)
      problems[field.key] = `${field.label}不能超过${field.maxLength}个字`;
  }
  return problems;
}

/** The form to save: everything the server filled in kept, the edited values over it (empty → null). */
export function toFormData(
  saved: Record<string, unknown>,
  fields: readonly FormField[],
  values: Record<string, string>,
): ApplicationFormData {
  const kept: ApplicationFormData = {};
  for (const [key, value] of Object.entries(saved)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
      kept[key] = value;
  }
  for (const field of fields) {
    if (!field.editable) continue;
    const value = (values[field.key] ?? '').trim();
    kept[field.key] = value === '' ? null : value;
  }
  return kept;
}

export interface PlacedErrors {
  /** Shown under the field itself. */
  byField: Record<string, string>;
  /** Errors about keys the form does not show (e.g. a prefilled fact), as '原证号：…'. */
  other: string[];
  /** The step to open so the first error is in view; null without errors. */
  step: FormStep | null;
}

/** Where each error of a VALIDATION_FAILED answer (or the local check) goes. */
export function placeErrors(
  errors: Record<string, string> | undefined,
  fields: readonly FormField[],
  hasPhotoStep: boolean,
): PlacedErrors {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  let step: FormStep | null = null;
  for (const [key, message] of Object.entries(errors ?? {})) {
    const field = fields.find((candidate) => candidate.key === key);
    if (field && field.editable) {
      byField[key] = message;
      step = earlier(step, field.step);
    } else if ((key === 'photo' || key === 'photoId') && hasPhotoStep) {
      byField.photo = message;
      step = earlier(step, 'materials');
    } else {
      other.push(`${field?.label ?? PREFILL_LABELS[key] ?? key}：${message}`);
      step = earlier(step, 'review');
    }
  }
  return { byField, other, step };
}

/** The step that shows a key: its field's step, the photo on materials, anything else on review. */
export function stepOfKey(key: string, fields: readonly FormField[]): FormStep {
  if (key === 'photo' || key === 'photoId') return 'materials';
  const field = fields.find((candidate) => candidate.key === key);
  return field && field.editable ? field.step : 'review';
}

/** Problems on the steps before `target`: moving forward stops at them, later ones wait. */
export function problemsBefore(
  problems: Record<string, string>,
  fields: readonly FormField[],
  target: FormStep,
): Record<string, string> {
  const limit = formSteps.indexOf(target);
  return Object.fromEntries(
    Object.entries(problems).filter(([key]) => formSteps.indexOf(stepOfKey(key, fields)) < limit),
  );
}

function earlier(current: FormStep | null, candidate: FormStep): FormStep {
  if (current === null) return candidate;
  return formSteps.indexOf(candidate) < formSteps.indexOf(current) ? candidate : current;
}

/** The label of any key a reviewer may name in a return reason. */
export function fieldLabel(typeCode: string, kind: ApplicationKind, key: string): string {
  if (key === 'photo' || key === 'photoId') return '证件照';
  return formFieldsFor(typeCode, kind).find((field) => field.key === key)?.label ?? PREFILL_LABELS[key] ?? key;
}

/**
 * How a field shows: `confirm` (prefilled value with 修改), `input` (being typed: empty, opened
 * with 修改, or wrong), `fixed` (a code value the form cannot edit yet).
 */
export function fieldMode(
  field: Pick<FormField, 'editable'>,
  value: string,
  editing: boolean,
  error: string | undefined,
): 'confirm' | 'input' | 'fixed' {
  if (!field.editable) return 'fixed';
  if (editing || error !== undefined || value.trim() === '') return 'input';
  return 'confirm';
}

/**
 * The fields worth showing: a value the form cannot edit (a code list) and nobody filled in is
 * left out when it is optional (性别 of a paper certificate: nothing to confirm, nothing to do).
 */
export function shownFields(fields: readonly FormField[], values: Record<string, string>): FormField[] {
  return fields.filter((field) => field.editable || field.required || (values[field.key] ?? '').trim() !== '');
}
