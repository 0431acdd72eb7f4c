import type { ComplianceRunView } from '@roadcert/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { usePollWhile } from '../../hooks/usePollWhile';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { toastSuccess } from '../../lib/feedback';
import { fetchStaffProfile } from '../staff/api';
import { followStaffSignIn } from '../staff/staff-navigation';
import { downloadFailingCsv, fetchComplianceRates, fetchComplianceRuns, fetchFailing, startComplianceRun } from './api';
import { emptyDashboardFilter, failingQuery, isDataSteward, ratesQuery, type DashboardFilter } from './rates';

const RUN_POLL_MS = 3000;

/** Runs are optional on the page (a reviewer may not be allowed to list them): an error shows no runs. */
async function loadRuns(): Promise<ComplianceRunView[]> {
  return fetchComplianceRuns().catch((error: unknown) => {
    if (toApiError(error).status === 401) throw error;
    return [];
  });
}

/**
 * 数据合规: the rates of the staff member's region under the chosen filters, the failing
 * records (one page at a time), the batch runs (polled while one runs), 导出CSV and
 * 立即全量校验.
 */
export function useComplianceDashboard() {
  const [filter, setFilter] = useState<DashboardFilter>(emptyDashboardFilter);
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<'export' | 'run' | null>(null);
  const filterRef = useRef(filter);
  const pageRef = useRef(page);
  filterRef.current = filter;
  pageRef.current = page;

  const rates = useRemote(
    useCallback(() => fetchComplianceRates(ratesQuery(filterRef.current)), []),
    followStaffSignIn,
  );
  const failing = useRemote(
    useCallback(() => fetchFailing(failingQuery(filterRef.current, pageRef.current)), []),
    followStaffSignIn,
  );
  const runs = useRemote(loadRuns, followStaffSignIn);
  const profile = useRemote(fetchStaffProfile, followStaffSignIn);
  const steward = isDataSteward(profile.state.status === 'ready' ? profile.state.data : null);

  // Filters change the figures and send the drill-down back to page 1.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void rates.reload();
  }, [filter.typeCode, filter.carrier, rates.reload]);
  const firstFailing = useRef(true);
  useEffect(() => {
    if (firstFailing.current) {
      firstFailing.current = false;
      return;
    }
    void failing.reload();
  }, [filter, page, failing.reload]);

  // While a batch run is running, poll it; when it finishes the figures are read again.
  const running = runs.state.status === 'ready' && runs.state.data.some((run) => run.state === 'RUNNING');
  const figuresAgain = useCallback(() => {
    void rates.reload();
    void failing.reload();
  }, [rates.reload, failing.reload]);
  usePollWhile(running, runs.reload, RUN_POLL_MS, figuresAgain);

  function update<K extends keyof DashboardFilter>(key: K, value: DashboardFilter[K]): void {
    setFilter((previous) => ({ ...previous, [key]: value }));
    setPage(1);
  }

  async function exportCsv(): Promise<void> {
    if (pending) return;
    setPending('export');
    setNotice(null);
    try {
      await downloadFailingCsv(failingQuery(filterRef.current));
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setNotice(`导出失败：${error.message}`);
    } finally {
      setPending(null);
    }
  }

  async function runNow(): Promise<void> {
    if (pending) return;
    setPending('run');
    setNotice(null);
    try {
      await startComplianceRun();
      toastSuccess('已开始全量校验');
      await runs.reload();
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setNotice(`未能开始校验：${error.message}`);
    } finally {
      setPending(null);
    }
  }

  async function reload(): Promise<void> {
    await Promise.all([rates.reload(), failing.reload(), runs.reload()]);
  }

  return {
    filter,
    update,
    page,
    setPage,
    rates,
    failing,
    runs,
    running,
    steward,
    notice,
    pending,
    exportCsv,
    runNow,
    reload,
  };
}

export type ComplianceDashboard = ReturnType<typeof useComplianceDashboard>;
