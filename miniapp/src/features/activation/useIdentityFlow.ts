import type { CertificateDetail, CertificateSummary } from '@roadcert/shared';
import { useState } from 'react';
import { ApiError } from '../../lib/api-error';
import { useRemote } from '../../hooks/useRemote';
import { fetchAccount } from '../account/api';
import { fetchCertificate } from '../certificates/api';
import { activationState } from '../certificates/card-view';
import { followSignInNavigation } from '../session/error-navigation';
import { nextStep, stepForError, type FlowGoal, type FlowStep } from './flow';

function loadCertificate(goal: FlowGoal, certificateId: string | undefined): Promise<CertificateDetail | null> {
  if (certificateId) return fetchCertificate(certificateId);
  if (!goal.activate) return Promise.resolve(null);
  return Promise.reject(
    new ApiError({ code: 'NOT_FOUND', status: 404, message: '未指定要激活的证照，请从“我的证照”进入' }),
  );
}

/**
 * Drives the identity flow: loads the account (and the certificate being activated), works out
 * the step, moves on when a step completes, and moves back when the server says a step is
 * missing after all (CONSENT / REAL_NAME / FACE_VERIFICATION _REQUIRED).
 */
export function useIdentityFlow(goal: FlowGoal, certificateId?: string) {
  const account = useRemote(fetchAccount, followSignInNavigation);
  const certificate = useRemote(() => loadCertificate(goal, certificateId), followSignInNavigation);
  const [forced, setForced] = useState<FlowStep | null>(null);
  const [activated, setActivated] = useState<CertificateSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [advancing, setAdvancing] = useState(false);

  const accountData = account.state.status === 'ready' ? account.state.data : null;
  const certificateData = certificate.state.status === 'ready' ? certificate.state.data : null;
  const certificateReady = !certificateId || certificateData !== null;
  const wasActivated = certificateData?.activated === true || activated !== null;
  const notActivatable =
    goal.activate && certificateData !== null && !wasActivated && activationState(certificateData) !== 'activatable';

  const step: FlowStep | null =
    accountData && certificateReady
      ? nextStep(accountData, goal, { forced, activated: wasActivated }, new Date())
      : null;

  /** A step finished: re-read the account and let `nextStep` pick what follows. */
  async function stepDone(): Promise<void> {
    setForced(null);
    setNotice(null);
    setAdvancing(true);
    try {
      await account.reload();
    } finally {
      setAdvancing(false);
    }
  }

  /** Errors that move the flow: sign-in, or back to a missing step. True when handled. */
  function stepError(error: ApiError): boolean {
    if (followSignInNavigation(error)) return true;
    if (step === null) return false;
    const target = stepForError(error.code, step);
    if (target === null || target === step) return false;
    setForced(target);
    setNotice(error.message);
    void account.reload();
    return true;
  }

  function certificateActivated(summary: CertificateSummary): void {
    setForced(null);
    setNotice(null);
    setActivated(summary);
  }

  function retry(): void {
    void account.reload();
    void certificate.reload();
  }

  const loadError =
    account.state.status === 'error'
      ? account.state.error
      : certificate.state.status === 'error'
        ? certificate.state.error
        : null;

  return {
    step,
    account: accountData,
    certificate: activated ?? certificateData,
    notActivatable,
    notice,
    advancing,
    loadError,
    stepDone,
    stepError,
    certificateActivated,
    retry,
  };
}
