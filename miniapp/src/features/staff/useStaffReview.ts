import { useCallback, useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { useRemote } from '../../hooks/useRemote';
import {
  approveApplication,
  fetchReview,
  rejectApplication,
  returnApplication,
  startReview,
  type ReviewDetail,
} from './api';
import {
  checkReturnReasons,
  emptyReturnReasons,
  rejectReasonProblem,
  returnableFields,
  setReturnReason,
  toggleReturnField,
  type ReturnReasonState,
} from './return-reasons';
import { followStaffSignIn } from './staff-navigation';

export type DecisionPanel = 'none' | 'return' | 'reject';

/** Someone else acted first (or the application left the reviewer's reach): say so and show the current state. */
const STALE_CODES = new Set(['APPLICATION_STATE_INVALID', 'NOT_FOUND', 'CONFLICT']);
export const STALE_MESSAGE =
  '该申请的状态已发生变化（可能已由其他工作人员处理），页面已刷新为最新状态，请核对后再操作。';

/** 审核详情: the application, and 开始审核 / 批准发证 / 退回补正 / 不予许可 on it. */
export function useStaffReview(id: string) {
  const load = useCallback(() => fetchReview(id), [id]);
  const review = useRemote<ReviewDetail>(load, followStaffSignIn);
  const [current, setCurrent] = useState<ReviewDetail | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<DecisionPanel>('none');
  const [returnState, setReturnState] = useState<ReturnReasonState>(emptyReturnReasons);
  const [returnErrors, setReturnErrors] = useState<Record<string, string>>({});
  const [rejectReason, setRejectReason] = useState('');

  // The latest answer wins: an action's response, else the load.
  const shown = current ?? (review.state.status === 'ready' ? review.state.data : null);

  async function reload() {
    setCurrent(null);
    await review.reload();
  }

  async function act(key: string, call: () => Promise<ReviewDetail>, done: string): Promise<void> {
    setPending(key);
    setError(null);
    setNotice(null);
    try {
      setCurrent(await call());
      setPanel('none');
      toastSuccess(done);
    } catch (cause) {
      const apiError = toApiError(cause);
      if (followStaffSignIn(apiError)) return;
      if (STALE_CODES.has(apiError.code)) {
        setPanel('none');
        setNotice(STALE_MESSAGE);
        await reload();
      } else {
        setError(apiError.message);
      }
    } finally {
      setPending(null);
    }
  }

  const begin = () => act('start', () => startReview(id), '已开始审核');

  async function approve() {
    if (!shown) return;
    const sure = await confirm({
      title: '批准发证',
      content: `确定批准${shown.detail.holderName}的“${shown.detail.typeName}”${shown.detail.kindLabel}申请吗？批准后将签发电子证照${shown.detail.baseCertificateId ? '，原证标记为已换发' : ''}，不能撤回。`,
      confirmText: '批准发证',
    });
    if (sure) await act('approve', () => approveApplication(id), '已批准发证');
  }

  async function submitReturn() {
    if (!shown) return;
    const check = checkReturnReasons(returnState, returnableFields(shown.detail));
    if (!check.ok) {
      setReturnErrors(check.fieldErrors);
      setError(check.message);
      return;
    }
    setReturnErrors({});
    await act('return', () => returnApplication(id, check.body), '已退回补正');
  }

  async function submitReject() {
    const problem = rejectReasonProblem(rejectReason);
    if (problem) return setError(problem);
    const sure = await confirm({
      title: '不予许可',
      content: '不予许可是最终决定，申请人需重新申请。确定吗？',
      confirmText: '不予许可',
      danger: true,
    });
    if (sure) await act('reject', () => rejectApplication(id, rejectReason.trim()), '已作出不予许可决定');
  }

  function openPanel(next: DecisionPanel) {
    setError(null);
    setPanel((previous) => (previous === next ? 'none' : next));
  }

  return {
    state: review.state,
    shown,
    reload,
    pending,
    error,
    notice,
    panel,
    openPanel,
    begin,
    approve,
    returnForm: {
      state: returnState,
      errors: returnErrors,
      toggle: (key: string) => setReturnState((previous) => toggleReturnField(previous, key)),
      setReason: (key: string, reason: string) => setReturnState((previous) => setReturnReason(previous, key, reason)),
      submit: submitReturn,
    },
    rejectForm: { reason: rejectReason, setReason: setRejectReason, submit: submitReject },
  };
}
