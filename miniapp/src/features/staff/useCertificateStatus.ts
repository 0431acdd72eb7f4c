import { useState } from 'react';
import type { StaffCertificate } from '@roadcert/shared';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { findCertificates, setCertificateStatus } from './api';
import { normaliseNumberInput, numberProblem, statusReasonProblem, type StatusAction } from './certificate-status';
import { followStaffSignIn } from './staff-navigation';

/** 证照状态: find a certificate by its number, then 暂停 / 吊销 / 恢复 it with a reason. */
export function useCertificateStatus() {
  const [number, setNumber] = useState('');
  const [results, setResults] = useState<StaffCertificate[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  /** The certificate and action being prepared (reason being typed). */
  const [pendingAction, setPendingAction] = useState<{ certificateId: string; action: StatusAction } | null>(null);
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function search() {
    const problem = numberProblem(number);
    if (problem) return setSearchError(problem);
    setSearching(true);
    setSearchError(null);
    setPendingAction(null);
    try {
      setResults(await findCertificates(normaliseNumberInput(number)));
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setSearchError(error.message);
    } finally {
      setSearching(false);
    }
  }

  function choose(certificateId: string, action: StatusAction) {
    setPendingAction({ certificateId, action });
    setReason('');
    setActionError(null);
  }

  async function apply() {
    if (!pendingAction) return;
    const problem = statusReasonProblem(reason);
    if (problem) return setActionError(problem);
    const { certificateId, action } = pendingAction;
    const sure = await confirm({
      title: `${action.label}证照`,
      content: action.effect,
      confirmText: action.label,
      danger: action.danger,
    });
    if (!sure) return;
    setSaving(true);
    setActionError(null);
    try {
      const updated = await setCertificateStatus(certificateId, { status: action.target, reason: reason.trim() });
      setResults((previous) => previous?.map((item) => (item.id === updated.id ? updated : item)) ?? [updated]);
      setPendingAction(null);
      toastSuccess(`已${action.label}`);
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setActionError(error.message);
    } finally {
      setSaving(false);
    }
  }

  return {
    number,
    setNumber: (value: string) => setNumber(value),
    results,
    searching,
    searchError,
    search,
    pendingAction,
    choose,
    cancel: () => setPendingAction(null),
    reason,
    setReason,
    actionError,
    saving,
    apply,
  };
}
