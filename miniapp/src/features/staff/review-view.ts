import {
  canTransition,
  getCertificateType,
  type ApplicationState,
  type StaffApplicationDetail,
} from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';
import { displayValue, formFieldsFor, prefillRows, type PrefillRow } from '../applications/form-state';

/**
 * The review page in display form: the holder's form values beside the current record (the base
 * certificate), the differences marked, the timeline, and which actions the state allows.
 */

/** One line of the comparison: what the holder's form says and what the record says. */
export interface CompareRow {
  key: string;
  label: string;
  proposed: string;
  /** The record's value; null when there is no record to compare with or the server did not compare this field. */
  current: string | null;
  changed: boolean;
  /** The reason this field was returned for, when the application was returned before. */
  returnReason: string | null;
}

export interface Comparison {
  /** Facts the system filled in (姓名, 身份证号, 原证号…): shown, not compared. */
  facts: PrefillRow[];
  rows: CompareRow[];
  hasBase: boolean;
  changedCount: number;
}

const FACT_KEYS = new Set(['holderName', 'idNumberMasked', 'creditCode', 'baseNumberMasked', 'baseIssuingAuthority']);
/** Not form values: the photo is shown as a picture. */
const HIDDEN_KEYS = new Set(['photoId']);

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  // The record keeps multi-value fields (从业资格类别) as arrays; the form as '02001,01001'.
  if (Array.isArray(value)) return value.map(text).join(',');
  return JSON.stringify(value);
}

/**
 * Rows in the form's order (the type's fields, then the kind's own), then any field the diff or
 * the form carries beyond those. A field the server compared and found equal shows the same value
 * on both sides; a field it did not compare shows no record value rather than a guess.
 */
export function compareRows(
  detail: Pick<
    StaffApplicationDetail,
    'typeCode' | 'kind' | 'formData' | 'diff' | 'baseCertificateId' | 'returnReasons'
  >,
): Comparison {
  const { typeCode, formData } = detail;
  const hasBase = detail.baseCertificateId !== null;
  const fields = formFieldsFor(typeCode, detail.kind);
  const labels = new Map(fields.map((field) => [field.key, field.label]));
  const compared = new Set([
    ...(getCertificateType(typeCode)?.fields.map((field) => field.key) ?? []),
    ...detail.diff.map((entry) => entry.field),
  ]);
  const keys = [
    ...new Set([
      ...fields.map((field) => field.key),
      ...detail.diff.map((entry) => entry.field),
      ...Object.keys(formData),
    ]),
  ].filter((key) => !FACT_KEYS.has(key) && !HIDDEN_KEYS.has(key));
  const rows = keys.map((key): CompareRow => {
    const proposed = displayValue(typeCode, key, text(formData[key]));
    const entry = detail.diff.find((candidate) => candidate.field === key);
    let current: string | null = null;
    if (entry) current = displayValue(typeCode, key, text(entry.current));
    else if (hasBase && compared.has(key) && key in formData) current = proposed;
    return {
      key,
      label: labels.get(key) ?? key,
      proposed,
      current,
      changed: entry !== undefined,
      returnReason: detail.returnReasons?.[key] ?? null,
    };
  });
  return { facts: prefillRows(formData), rows, hasBase, changedCount: rows.filter((row) => row.changed).length };
}

/** What the reviewer may do in this state. */
export function reviewActions(state: ApplicationState): { startReview: boolean; decide: boolean } {
  return { startReview: canTransition(state, 'IN_REVIEW'), decide: canTransition(state, 'APPROVED') };
}

const ACTOR_LABELS: Record<string, string> = { ACCOUNT: '申请人', STAFF: '审核员', SYSTEM: '系统' };

export interface TimelineRow {
  label: string;
  actor: string;
  at: string;
  note: string | null;
}

/** The timeline, newest first (what happened last is what the reviewer needs). */
export function timelineRows(timeline: StaffApplicationDetail['timeline'], now?: Date): TimelineRow[] {
  return [...timeline].reverse().map((entry) => ({
    label: entry.label,
    actor: ACTOR_LABELS[entry.actorKind] ?? entry.actorKind,
    at: formatDateTime(entry.at, now),
    note: entry.note,
  }));
}

/** The attached photo, when the detail carries one (`photo: {id, url, originalUrl?}`). */
export interface ReviewPhoto {
  url: string;
  originalUrl: string | null;
}

export function photoOf(detail: unknown): ReviewPhoto | null {
  if (typeof detail !== 'object' || detail === null) return null;
  const photo = (detail as { photo?: unknown }).photo;
  if (typeof photo !== 'object' || photo === null) return null;
  const { url, originalUrl } = photo as { url?: unknown; originalUrl?: unknown };
  if (typeof url !== 'string' || url === '') return null;
  return { url, originalUrl: typeof originalUrl === 'string' && originalUrl !== '' ? originalUrl : null };
}
