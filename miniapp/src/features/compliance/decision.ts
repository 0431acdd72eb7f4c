import { returnCompletionRequestSchema, type StaffCompletionTaskView } from '@roadcert/shared';

/** 补正审核 decisions, without React: which are open, and the reason check the server runs. */

export type CompletionDecision = 'accept' | 'return' | 'waive';

/**
 * What a reviewer may do with a task: a supplement waiting (待审核) is confirmed or returned;
 * a task still waiting for its value (待补充, 已退回) can only be waived (豁免) with a reason;
 * a closed task has no actions.
 */
export function decisionsFor(task: Pick<StaffCompletionTaskView, 'state'>): CompletionDecision[] {
  if (task.state === 'SUBMITTED') return ['accept', 'return', 'waive'];
  if (task.state === 'OPEN' || task.state === 'REJECTED') return ['waive'];
  return [];
}

/** The shared reason rule (2–300 characters), as its Chinese message; null when acceptable. */
export function reasonProblem(reason: string): string | null {
  const parsed = returnCompletionRequestSchema.safeParse({ reason });
  if (parsed.success) return null;
  return parsed.error.issues[0]?.message === '请填写退回原因' || reason.trim().length < 2
    ? '请填写原因（至少2个字）'
    : '原因不能超过300个字';
}

export const decisionLabels: Record<CompletionDecision, string> = { accept: '确认', return: '退回', waive: '豁免' };
export const decisionDone: Record<CompletionDecision, string> = {
  accept: '已确认，证照已更新',
  return: '已退回',
  waive: '已豁免',
};
