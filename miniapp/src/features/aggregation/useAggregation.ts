import type { ReconciliationList } from './api';
import { useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { followStaffSignIn } from '../staff/staff-navigation';
import { fetchAggregationSummary, fetchDeadLetters, fetchReconciliations, resendDeadLetters } from './api';

/** Reconciliations are context: a failure to list them shows none rather than an error page. */
async function loadReconciliations(): Promise<ReconciliationList['items']> {
  return fetchReconciliations()
    .then((list) => list.items)
    .catch((error: unknown) => {
      if (toApiError(error).status === 401) throw error;
      return [];
    });
}

/** The aggregation summary alone (the card on the 数据合规 dashboard). */
export const useAggregationSummary = () => useRemote(fetchAggregationSummary, followStaffSignIn);

/**
 * 数据归集: the rate of the staff member's region, the dead letters (entries the ministry did not
 * take after every retry) with 补传 one by one or all at once, and the latest reconciliations.
 */
export function useAggregation() {
  const summary = useAggregationSummary();
  const deadLetters = useRemote(() => fetchDeadLetters(), followStaffSignIn);
  const reconciliations = useRemote(loadReconciliations, followStaffSignIn);
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function resend(target: { id: string } | 'all', count: number): Promise<void> {
    if (pending) return;
    const sure = await confirm({
      title: '补传',
      content: target === 'all' ? `重新推送本辖区全部 ${count} 条失败数据到部级系统？` : '重新推送这条数据到部级系统？',
      confirmText: '补传',
    });
    if (!sure) return;
    setPending(target === 'all' ? 'all' : target.id);
    setNotice(null);
    try {
      const result = await resendDeadLetters(target === 'all' ? { all: true } : { ids: [target.id] });
      toastSuccess(`已重新排队 ${result.resent} 条`);
      await Promise.all([summary.reload(), deadLetters.reload()]);
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setNotice(`补传失败：${error.message}`);
    } finally {
      setPending(null);
    }
  }

  async function reload(): Promise<void> {
    await Promise.all([summary.reload(), deadLetters.reload(), reconciliations.reload()]);
  }

  return { summary, deadLetters, reconciliations, pending, notice, resend, reload };
}

export type Aggregation = ReturnType<typeof useAggregation>;
