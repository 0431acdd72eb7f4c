import type { ReturnApplicationRequest, StaffApplicationDetail } from '@roadcert/shared';
import { formFieldsFor } from '../applications/form-state';

/**
 * 退回补正: the reviewer picks the fields the holder must fix and writes a reason for each; the
 * holder's form shows each reason under its field, so the keys are the form's own.
 */
export interface ReturnableField {
  key: string;
  label: string;
}

export interface ReturnReasonState {
  /** In the order they were picked. */
  selected: string[];
  /** Typed text per field; kept when a field is unticked, so ticking it again brings it back. */
  reasons: Record<string, string>;
}

export const emptyReturnReasons: ReturnReasonState = { selected: [], reasons: {} };

export const RETURN_REASON_MAX = 200;

/** Fields the holder can correct: the form's editable fields, and the photo when the kind needs one. */
export function returnableFields(
  detail: Pick<StaffApplicationDetail, 'typeCode' | 'kind' | 'requirements'>,
): ReturnableField[] {
  const fields: ReturnableField[] = formFieldsFor(detail.typeCode, detail.kind)
    .filter((field) => field.editable)
    .map((field) => ({ key: field.key, label: field.label }));
  if (detail.requirements.photo) fields.push({ key: 'photo', label: '证件照' });
  return fields;
}

export function toggleReturnField(state: ReturnReasonState, key: string): ReturnReasonState {
  const selected = state.selected.includes(key) ? state.selected.filter((k) => k !== key) : [...state.selected, key];
  return { ...state, selected };
}

export function setReturnReason(state: ReturnReasonState, key: string, reason: string): ReturnReasonState {
  return { ...state, reasons: { ...state.reasons, [key]: reason } };
}

export type ReturnCheck =
  { ok: true; body: ReturnApplicationRequest } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** The request body, or what is missing: at least one field, and a reason (≤ 200 字) for each one picked. */
export function checkReturnReasons(state: ReturnReasonState, fields: readonly ReturnableField[]): ReturnCheck {
  if (state.selected.length === 0) return { ok: false, message: '请至少选择一项需要补正的内容', fieldErrors: {} };
  const fieldErrors: Record<string, string> = {};
  const reasons: Record<string, string> = {};
  for (const key of state.selected) {
    const label = fields.find((field) => field.key === key)?.label ?? key;
    const reason = (state.reasons[key] ?? '').trim();
    if (reason === '') fieldErrors[key] = `请填写“${label}”的退回原因`;
    else if (reason.length > RETURN_REASON_MAX) fieldErrors[key] = `原因不超过${RETURN_REASON_MAX}字`;
    else reasons[key] = reason;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, message: '请为每一项填写退回原因', fieldErrors };
  return { ok: true, body: { reasons } };
}

export const REJECT_REASON_MAX = 500;

/** 不予许可 needs a reason the holder reads; null when it is fine. */
export function rejectReasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return '请填写不予许可的理由';
  if (trimmed.length > REJECT_REASON_MAX) return `理由不超过${REJECT_REASON_MAX}字`;
  return null;
}
