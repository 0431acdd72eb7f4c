import type { StaffCompletionTaskView } from '@roadcert/shared';
import { useCallback, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { followStaffSignIn } from '../staff/staff-navigation';
import { acceptCompletion, fetchStaffCompletionTask, returnCompletion, waiveCompletion } from './api';
import { decisionDone, reasonProblem, type CompletionDecision } from './decision';

/** Someone else decided first: say so and show the task as it is now. */
const STALE_CODES = new Set(['TASK_STATE_INVALID', 'NOT_FOUND', 'CONFLICT']);
export const STALE_TASK_MESSAGE = '该事项的状态已发生变化（可能已由其他工作人员处理），页面已刷新为最新状态。';

/** 补正审核详情: the task with its diff and evidence, and 确认 / 退回 / 豁免. */
export function useCompletionReview(id: string) {
  const load = useCallback(() => fetchStaffCompletionTask(id), [id]);
  const remote = useRemote(load, followStaffSignIn);
  const [current, setCurrent] = useState<StaffCompletionTaskView | null>(null);
  const [panel, setPanel] = useState<'return' | 'waive' | null>(null);
  const [reason, setReasonState] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<CompletionDecision | null>(null);

  const task = current ?? (remote.state.status === 'ready' ? remote.state.data : null);

  async function reload(): Promise<void> {
    setCurrent(null);
    await remote.reload();
  }

  async function act(decision: CompletionDecision, call: () => Promise<StaffCompletionTaskView>): Promise<void> {
    setPending(decision);
    setError(null);
    setNotice(null);
    try {
      setCurrent(await call());
      setPanel(null);
      setReasonState('');
      toastSuccess(decisionDone[decision]);
    } catch (cause) {
      const apiError = toApiError(cause);
      if (followStaffSignIn(apiError)) return;
      if (STALE_CODES.has(apiError.code)) {
        setPanel(null);
        setNotice(STALE_TASK_MESSAGE);
        await reload();
      } else if (apiError.fields?.reason) {
        setReasonError(apiError.fields.reason);
      } else {
        setError(apiError.message);
      }
    } finally {
      setPending(null);
    }
  }

  async function accept(): Promise<void> {
    if (!task || pending) return;
    const sure = await confirm({
      title: '确认补正',
      content: `确认后，“${task.fieldLabel ?? task.field}”将按持证人补充的内容更新证照（生成新版本并重新签名），不能撤回。`,
      confirmText: '确认',
    });
    if (sure) await act('accept', () => acceptCompletion(task.id));
  }

  function openPanel(next: 'return' | 'waive' | null): void {
    setPanel(next);
    setReasonError(null);
    setError(null);
  }

  function setReason(value: string): void {
    setReasonState(value);
    setReasonError(null);
  }

  async function decideWithReason(): Promise<void> {
    if (!task || !panel || pending) return;
    const problem = reasonProblem(reason);
    if (problem) {
      setReasonError(problem);
      return;
    }
    const text = reason.trim();
    const decision = panel;
    await act(decision, () =>
      decision === 'return' ? returnCompletion(task.id, text) : waiveCompletion(task.id, text),
    );
  }

  return {
    remote,
    task,
    panel,
    reason,
    reasonError,
    error,
    notice,
    pending,
    reload,
    accept,
    openPanel,
    setReason,
    decideWithReason,
  };
}

export type CompletionReview = ReturnType<typeof useCompletionReview>;
