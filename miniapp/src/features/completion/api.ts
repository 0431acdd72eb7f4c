import {
  completionTaskListSchema,
  completionTaskSchema,
  type CompletionTaskList,
  type CompletionTaskQuery,
  type CompletionTaskView,
  type SupplyCompletionRequest,
} from '@roadcert/shared';
import { getJson, postJson } from '../../lib/request';

/**
 * The holder's completion tasks (缺失数据补传): list, one task, supplying its value. The wallet
 * (main package) imports this module: keep it free of the upload code (evidence.ts).
 */

const BASE = '/api/v1/me/completion-tasks';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export function fetchCompletionTasks(query: CompletionTaskQuery = {}): Promise<CompletionTaskList> {
  const params: Record<string, string> = {};
  if (query.certificateId) params.certificateId = query.certificateId;
  if (query.include) params.include = query.include;
  return getJson(BASE, completionTaskListSchema, params);
}

export function fetchCompletionTask(id: string): Promise<CompletionTaskView> {
  return getJson(one(id), completionTaskSchema);
}

export function supplyCompletion(id: string, body: SupplyCompletionRequest): Promise<CompletionTaskView> {
  return postJson(`${one(id)}/supply`, { ...body }, completionTaskSchema);
}
