import { carrierList, carriers, certificateTypes, type Carrier, type CertificateTypeCode } from '@roadcert/shared';
import type { StaffProfile } from '../staff/api';
import type { FilterOption } from '../staff/queue-filter';

/** 数据合规 figures as staff read them, and the dashboard's filters. */

/** 0.9634 → '96.3%'; null (nothing in scope) → '—'. */
export function formatRate(rate: number | null, digits = 1): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

export type RateTone = 'ok' | 'near' | 'low' | 'none';

/** At or above target: ok; within 5 points below: near; further: low. */
export function rateTone(rate: number | null, target: number): RateTone {
  if (rate === null) return 'none';
  if (rate >= target) return 'ok';
  return target - rate <= 0.05 ? 'near' : 'low';
}

/** The line under the big number: how far from the notice's target. */
export function targetGap(rate: number | null, target: number): string {
  if (rate === null) return '暂无在用证照';
  if (rate >= target) return `已达到 ${formatRate(target, 0)} 的目标`;
  const points = ((target - rate) * 100).toFixed(1);
  return `距 ${formatRate(target, 0)} 的目标还差 ${points} 个百分点`;
}

/** 1234567 → '1,234,567'. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface DashboardFilter {
  typeCode: CertificateTypeCode | '';
  carrier: Carrier | '';
  ruleId: string;
}

export const emptyDashboardFilter: DashboardFilter = { typeCode: '', carrier: '', ruleId: '' };

export const dashboardTypeOptions: FilterOption<CertificateTypeCode | ''>[] = [
  { value: '', label: '全部证照' },
  ...certificateTypes.map((type) => ({ value: type.code, label: type.shortName })),
];

export const carrierOptions: FilterOption<Carrier | ''>[] = [
  { value: '', label: '全部载体' },
  ...carrierList.map((carrier) => ({ value: carrier, label: carriers[carrier].label })),
];

export function carrierLabel(carrier: string): string {
  return (carriers as Record<string, { label: string } | undefined>)[carrier]?.label ?? carrier;
}

/** The rates call's query: type and carrier (the rule narrows the drill-down only). */
export function ratesQuery(filter: DashboardFilter): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.typeCode) query.typeCode = filter.typeCode;
  if (filter.carrier) query.carrier = filter.carrier;
  return query;
}

/** The drill-down's (and the CSV's) query: the rates filters plus the rule and page. */
export function failingQuery(filter: DashboardFilter, page?: number): Record<string, string> {
  const query = ratesQuery(filter);
  if (filter.ruleId) query.ruleId = filter.ruleId;
  if (page !== undefined) query.page = String(page);
  return query;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** 立即全量校验 and 存量导入 are for data stewards and administrators. */
export function isDataSteward(profile: Pick<StaffProfile, 'roles'> | null): boolean {
  return profile !== null && profile.roles.some((role) => role === 'DATA_STEWARD' || role === 'ADMIN');
}
