import {
  checkFieldValue,
  codeLists,
  getCertificateType,
  missingFieldMessage,
  type CertificateFieldDefinition,
  type CompletionTaskView,
  type SupplyCompletionRequest,
} from '@roadcert/shared';

/**
 * The supply form of one completion task, without React: which registry field it asks for,
 * how that field is entered, what to prefill, the same checks the server runs on the value,
 * and the request body. The server's contract is shared/src/schemas/compliance.ts.
 */

/** The registry field the task asks for; undefined for a photo-only task (the portrait). */
export function taskField(
  task: Pick<CompletionTaskView, 'typeCode' | 'input'>,
): CertificateFieldDefinition | undefined {
  const key = task.input.fieldKey;
  if (key === null) return undefined;
  return getCertificateType(task.typeCode)?.fields.find((field) => field.key === key);
}

/** How the value is entered: picked from a short code list, or typed. */
export type ValueInput =
  | { kind: 'none' }
  | { kind: 'choice'; multiple: boolean; choices: { value: string; label: string }[] }
  | { kind: 'text'; placeholder: string; maxLength?: number; hint?: string };

/** Code lists longer than this are typed (with the check naming a wrong code) rather than listed. */
const MAX_CHOICES = 30;

const PLACEHOLDERS: Partial<Record<CertificateFieldDefinition['kind'], string>> = {
  date: '例如 2009-05-20',
  licenceClass: '例如 A2 或 B2,C1',
  qualificationCategory: '5位代码，例如 02001',
  plate: '例如 粤A12345',
  areaCode: '6位行政区划代码',
  creditCode: '18位统一社会信用代码',
};

export function valueInputFor(field: CertificateFieldDefinition | undefined): ValueInput {
  if (!field) return { kind: 'none' };
  if (field.kind === 'code') {
    const values = codeLists[field.codeList].values;
    const codes = values
      ? Object.keys(values).filter((code) => !field.allowedCodes || field.allowedCodes.includes(code))
      : [];
    if (values && codes.length > 0 && codes.length <= MAX_CHOICES)
      return {
        kind: 'choice',
        multiple: field.multiple,
        choices: codes.map((code) => ({ value: code, label: values[code] ?? code })),
      };
  }
  return {
    kind: 'text',
    placeholder: PLACEHOLDERS[field.kind] ?? `请输入${field.label}`,
    maxLength: field.kind === 'text' ? field.maxLength : undefined,
    hint: field.hint,
  };
}

/** A value as the form holds it: one string, several codes joined by ','. */
export function formText(value: CompletionTaskView['input']['currentValue'] | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : value;
}

/** The value to start from: what was supplied last (returned tasks), else what the certificate holds. */
export function initialValue(task: CompletionTaskView): string {
  if (task.state === 'REJECTED' && task.suppliedValue !== null) return formText(task.suppliedValue);
  return formText(task.input.currentValue);
}

/** Codes of a multiple choice as a set, and back. */
export function toggleCode(text: string, code: string): string {
  const codes = text.split(',').filter(Boolean);
  const next = codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code];
  return next.join(',');
}

export function needsPhoto(task: Pick<CompletionTaskView, 'input'>): boolean {
  return task.input.evidence !== 'none';
}

export interface SupplyDraft {
  value: string;
  evidencePhotoId: string | null;
}

/** What is wrong before sending: field key ('value' / 'evidence') → Chinese message. */
export function supplyProblems(task: CompletionTaskView, draft: SupplyDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const field = taskField(task);
  const value = draft.value.trim();
  if (field) {
    const empty = valueInputFor(field).kind === 'choice' ? missingFieldMessage(field) : `请填写${field.label}`;
    const problem = value === '' ? empty : checkFieldValue(field, value);
    if (problem) problems.value = problem;
  }
  const photoNeeded = task.input.evidence === 'required' || (field === undefined && needsPhoto(task));
  if (photoNeeded && draft.evidencePhotoId === null) problems.evidence = '请上传佐证材料照片';
  return problems;
}

/**
 * The request body: the value in the field's form representation (trimmed text; several codes
 * joined by ',', as the application form sends them), null for a photo-only task, and the
 * photo id when one was uploaded.
 */
export function buildSupplyRequest(task: CompletionTaskView, draft: SupplyDraft): SupplyCompletionRequest {
  const text = draft.value.trim();
  const body: SupplyCompletionRequest = { value: taskField(task) && text !== '' ? text : null };
  if (draft.evidencePhotoId) body.evidencePhotoId = draft.evidencePhotoId;
  return body;
}

/** Where a refused supply's message goes: the value's field, the photo, or above the button. */
export function placeSupplyError(
  code: string,
  message: string,
  fields: Record<string, string> | undefined,
): { value?: string; evidence?: string; form?: string } {
  if (code === 'EVIDENCE_REQUIRED') return { evidence: message };
  if (code === 'VALIDATION_FAILED' && fields) {
    const placed: { value?: string; evidence?: string; form?: string } = {};
    for (const [key, text] of Object.entries(fields)) {
      if (key === 'value' || key.startsWith('value.')) placed.value = text;
      else if (key === 'evidencePhotoId') placed.evidence = text;
      else placed.form = text;
    }
    if (!placed.value && !placed.evidence && !placed.form) placed.form = message;
    return placed;
  }
  return { form: message };
}

export type TaskTone = 'todo' | 'waiting' | 'returned' | 'done';

/** How a task's state reads in a list: 待补充 / 已退回 ask for action, 待审核 waits, the rest are closed. */
export function taskTone(state: CompletionTaskView['state']): TaskTone {
  if (state === 'OPEN') return 'todo';
  if (state === 'REJECTED') return 'returned';
  if (state === 'SUBMITTED') return 'waiting';
  return 'done';
}
