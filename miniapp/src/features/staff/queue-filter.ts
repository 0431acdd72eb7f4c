import {
  applicationKindLabels,
  applicationKindList,
  applicationStateLabels,
  certificateTypes,
  type ApplicationKind,
  type ApplicationState,
  type CertificateTypeCode,
} from '@roadcert/shared';

/** The review queue's filters as the reviewer set them; '' / null = no filter. */
export interface QueueFilter {
  typeCode: CertificateTypeCode | '';
  kind: ApplicationKind | '';
  /** '' = the default queue: 已提交 and 审核中. */
  state: ApplicationState | '';
  minAgeDays: number | null;
}

export const emptyQueueFilter: QueueFilter = { typeCode: '', kind: '', state: '', minAgeDays: null };

export interface FilterOption<V> {
  value: V;
  label: string;
}

export const typeOptions: FilterOption<CertificateTypeCode | ''>[] = [
  { value: '', label: '全部证照' },
  ...certificateTypes.map((type) => ({ value: type.code, label: type.shortName })),
];

export const kindOptions: FilterOption<ApplicationKind | ''>[] = [
  { value: '', label: '全部业务' },
  ...applicationKindList.map((kind) => ({ value: kind, label: applicationKindLabels[kind] })),
];

/** States a reviewer looks for; drafts are the holder's own and never reach the queue. */
const reviewStates: ApplicationState[] = ['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'REJECTED', 'ISSUED'];
export const stateOptions: FilterOption<ApplicationState | ''>[] = [
  { value: '', label: '待处理' },
  ...reviewStates.map((state) => ({ value: state, label: applicationStateLabels[state] })),
];

export const ageOptions: FilterOption<number | null>[] = [
  { value: null, label: '不限' },
  { value: 3, label: '≥3天' },
  { value: 7, label: '≥7天' },
  { value: 15, label: '≥15天' },
  { value: 30, label: '≥30天' },
];

/** The filters as the query of `GET /api/v1/staff/applications`: only the ones set. */
export function queueQuery(filter: QueueFilter): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.typeCode) query.typeCode = filter.typeCode;
  if (filter.kind) query.kind = filter.kind;
  if (filter.state) query.state = filter.state;
  if (filter.minAgeDays !== null && Number.isInteger(filter.minAgeDays) && filter.minAgeDays >= 0)
    query.minAgeDays = String(filter.minAgeDays);
  return query;
}

/** How many filters are set, for the 筛选 heading (清除 shows only when there is something to clear). */
export function activeFilterCount(filter: QueueFilter): number {
  return Object.keys(queueQuery(filter)).length;
}

/** 'today' for the day it came in, else whole days waiting. */
export function ageLabel(ageDays: number): string {
  if (ageDays <= 0) return '今天提交';
  return `已等待${ageDays}天`;
}
