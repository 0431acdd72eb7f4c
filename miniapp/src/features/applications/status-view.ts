import {
  applicationStateLabels,
  editableApplicationStates,
  type ApplicationDetail,
  type ApplicationKind,
  type ApplicationState,
  type ApplicationSummary,
} from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';
import { displayValue, fieldLabel } from './form-state';

export type StateTone = 'progress' | 'action' | 'done' | 'refused';

/** What each state asks of the holder, in one line under the badge. */
const STATE_LINES: Record<ApplicationState, string> = {
  DRAFT: '尚未提交，可以继续填写。',
  SUBMITTED: '已提交，等待审核。审核结果会在这里显示。',
  IN_REVIEW: '工作人员正在审核。',
  APPROVED: '已批准，正在制发电子证照。',
  RETURNED: '需要补正：请按下面的原因修改后重新提交。',
  REJECTED: '不予许可。',
  ISSUED: '电子证照已制发，激活后即可亮证使用。',
};

const TONES: Record<ApplicationState, StateTone> = {
  DRAFT: 'action',
  SUBMITTED: 'progress',
  IN_REVIEW: 'progress',
  APPROVED: 'progress',
  RETURNED: 'action',
  REJECTED: 'refused',
  ISSUED: 'done',
};

export interface StateView {
  label: string;
  line: string;
  tone: StateTone;
}

export function stateView(state: ApplicationState): StateView {
  return { label: applicationStateLabels[state], line: STATE_LINES[state], tone: TONES[state] };
}

export interface ReturnedField {
  key: string;
  label: string;
  reason: string;
  /** What the form holds now, so the holder sees what was questioned. */
  value: string;
}

/** Each field a reviewer returned, with its reason, in the order given. */
export function returnedFields(
  detail: Pick<ApplicationDetail, 'typeCode' | 'kind' | 'returnReasons' | 'formData'>,
): ReturnedField[] {
  return Object.entries(detail.returnReasons ?? {}).map(([key, reason]) => {
    const raw = detail.formData[key];
    const value = raw === undefined || raw === null ? '' : String(raw);
    return {
      key,
      label: fieldLabel(detail.typeCode, detail.kind, key),
      reason,
      value: key === 'photo' || key === 'photoId' ? '' : displayValue(detail.typeCode, key, value),
    };
  });
}

export interface TimelineEntryView {
  key: string;
  label: string;
  when: string;
  actor: string;
  note: string | null;
}

const ACTORS: Record<string, string> = { ACCOUNT: '本人', HOLDER: '本人', STAFF: '工作人员', SYSTEM: '系统' };

/**
 * A return's note as the server writes it names fields by key (`licenceClasses：原因；photoId：原因`);
 * the holder reads their labels (准驾车型：原因). Only keys the form knows are replaced.
 */
export function readableNote(note: string | null, typeCode: string, kind: ApplicationKind): string | null {
  if (note === null) return null;
  return note.replace(/(^|；)([A-Za-z][A-Za-z0-9_]*)：/g, (match, start: string, key: string) => {
    const label = fieldLabel(typeCode, kind, key);
    return label === key ? match : `${start}${label}：`;
  });
}

/** Newest first, as the certificate history: the question is "what happened last". */
export function timelineViews(
  timeline: ApplicationDetail['timeline'],
  now?: Date,
  context?: { typeCode: string; kind: ApplicationKind },
): TimelineEntryView[] {
  return [...timeline]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((entry, index) => ({
      key: `${entry.at}-${index}`,
      label: entry.label,
      when: formatDateTime(entry.at, now),
      actor: ACTORS[entry.actorKind] ?? entry.actorKind,
      note: context ? readableNote(entry.note, context.typeCode, context.kind) : entry.note,
    }));
}

/** The holder can open the form again (continue a draft, correct a return). */
export function canEdit(state: ApplicationState): boolean {
  return editableApplicationStates.includes(state);
}

/** Where a row of 我的申请 goes: an unsent draft back to its form, anything else to its status. */
export function listTarget(summary: Pick<ApplicationSummary, 'state'>): 'form' | 'status' {
  return summary.state === 'DRAFT' ? 'form' : 'status';
}
