import {
  complianceFailingPageSchema,
  complianceRatesSchema,
  complianceRunListSchema,
  complianceRunSchema,
  staffCompletionListSchema,
  staffCompletionTaskSchema,
  type ComplianceFailingPage,
  type ComplianceRates,
  type ComplianceRunView,
  type StaffCompletionList,
  type StaffCompletionTaskView,
} from '@roadcert/shared';
import { downloadStaffFile } from '../../lib/staff-files';
import { staffRequest } from '../../lib/staff-session';

/**
 * The workbench side of the data-completeness loop (the holder side is features/completion):
 * 补正审核 (supplements and the staff queue) and 数据合规 (rates, failing records, batch runs).
 */

const TASKS = '/api/v1/staff/completion-tasks';
const task = (id: string) => `${TASKS}/${encodeURIComponent(id)}`;
const COMPLIANCE = '/api/v1/staff/compliance';

/** Query parameters without the unset ones (the server's defaults apply). */
export function queryOf(values: Record<string, string | number | null | undefined>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') query[key] = String(value);
  }
  return query;
}

function search(query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}

export function fetchStaffCompletionTasks(query: Record<string, string>): Promise<StaffCompletionList> {
  return staffRequest({ path: TASKS, data: query, schema: staffCompletionListSchema });
}

export function fetchStaffCompletionTask(id: string): Promise<StaffCompletionTaskView> {
  return staffRequest({ path: task(id), schema: staffCompletionTaskSchema });
}

export function acceptCompletion(id: string): Promise<StaffCompletionTaskView> {
  return staffRequest({ path: `${task(id)}/accept`, method: 'POST', data: {}, schema: staffCompletionTaskSchema });
}

export function returnCompletion(id: string, reason: string): Promise<StaffCompletionTaskView> {
  return staffRequest({
    path: `${task(id)}/return`,
    method: 'POST',
    data: { reason },
    schema: staffCompletionTaskSchema,
  });
}

export function waiveCompletion(id: string, reason: string): Promise<StaffCompletionTaskView> {
  return staffRequest({
    path: `${task(id)}/waive`,
    method: 'POST',
    data: { reason },
    schema: staffCompletionTaskSchema,
  });
}

export function fetchComplianceRates(query: Record<string, string>): Promise<ComplianceRates> {
  return staffRequest({ path: `${COMPLIANCE}/rates`, data: query, schema: complianceRatesSchema });
}

export function fetchFailing(query: Record<string, string>): Promise<ComplianceFailingPage> {
  return staffRequest({ path: `${COMPLIANCE}/failing`, data: query, schema: complianceFailingPageSchema });
}

/** 导出CSV: the failing records of the current filters (masked, as on screen). */
export function downloadFailingCsv(query: Record<string, string>): Promise<void> {
  return downloadStaffFile(`${COMPLIANCE}/failing.csv${search(query)}`, '不合规证照.csv');
}

export function startComplianceRun(): Promise<ComplianceRunView> {
  return staffRequest({ path: `${COMPLIANCE}/runs`, method: 'POST', data: {}, schema: complianceRunSchema });
}

export async function fetchComplianceRuns(): Promise<ComplianceRunView[]> {
  const list = await staffRequest({ path: `${COMPLIANCE}/runs`, schema: complianceRunListSchema });
  return list.items;
}
