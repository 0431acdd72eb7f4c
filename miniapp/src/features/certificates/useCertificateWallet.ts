import { errorCodes, type CertificateSummary, type CompletionTaskList } from '@roadcert/shared';
import { ApiError, isApiError } from '../../lib/api-error';
import { useRemote } from '../../hooks/useRemote';
import { fetchAccount, type Account } from '../account/api';
import { fetchCompletionTasks } from '../completion/api';
import { hasSession } from '../session/session';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchMyCertificates } from './api';
import { sortForDisplay, toCertificateCardView, type CertificateCardView } from './card-view';

export interface CertificateWallet {
  account: Account;
  /** null: nothing to show until real-name binding (the page says so instead of an empty list). */
  cards: CertificateCardView[] | null;
  /** Open completion tasks (有 N 项信息待补充); null when there are none to show or they could not be read. */
  tasks: CompletionTaskList | null;
}

/** Certificates need a bound holder — or operator staff rights, which do not need one. */
function mayHaveCertificates(account: Account): boolean {
  return account.holder !== null || account.operators.length > 0;
}

async function loadCertificates(account: Account): Promise<CertificateSummary[] | null> {
  if (!mayHaveCertificates(account)) return null;
  try {
    return await fetchMyCertificates();
  } catch (error) {
    if (isApiError(error) && error.code === 'REAL_NAME_REQUIRED') return null;
    throw error;
  }
}

/** The notice is extra: a failed call hides it instead of failing the wallet. */
async function loadTasks(account: Account): Promise<CompletionTaskList | null> {
  if (!mayHaveCertificates(account)) return null;
  return fetchCompletionTasks({ include: 'open' }).catch(() => null);
}

async function loadWallet(): Promise<CertificateWallet> {
  // No token: skip the round trip that would only answer 401.
  if (!hasSession()) {
    throw new ApiError({ code: 'UNAUTHENTICATED', status: 401, message: errorCodes.UNAUTHENTICATED.message });
  }
  const account = await fetchAccount();
  const [certificates, tasks] = await Promise.all([loadCertificates(account), loadTasks(account)]);
  return {
    tasks,
    account,
    cards: certificates ? sortForDisplay(certificates.map((certificate) => toCertificateCardView(certificate))) : null,
  };
}

/** The signed-in account and its certificates; signed-out people are sent to sign in. */
export function useCertificateWallet() {
  return useRemote(loadWallet, (error) => followErrorNavigation(error));
}
