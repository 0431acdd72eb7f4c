import { errorCodes, type CertificateSummary } from '@roadcert/shared';
import { ApiError, isApiError } from '../../lib/api-error';
import { useRemote } from '../../hooks/useRemote';
import { fetchAccount, type Account } from '../account/api';
import { hasSession } from '../session/session';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchMyCertificates } from './api';
import { sortForDisplay, toCertificateCardView, type CertificateCardView } from './card-view';

export interface CertificateWallet {
  account: Account;
  /** null: nothing to show until real-name binding (the page says so instead of an empty list). */
  cards: CertificateCardView[] | null;
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

async function loadWallet(): Promise<CertificateWallet> {
  // No token: skip the round trip that would only answer 401.
  if (!hasSession()) {
    throw new ApiError({ code: 'UNAUTHENTICATED', status: 401, message: errorCodes.UNAUTHENTICATED.message });
  }
  const account = await fetchAccount();
  const certificates = await loadCertificates(account);
  return {
    account,
    cards: certificates ? sortForDisplay(certificates.map((certificate) => toCertificateCardView(certificate))) : null,
  };
}

/** The signed-in account and its certificates; signed-out people are sent to sign in. */
export function useCertificateWallet() {
  return useRemote(loadWallet, (error) => followErrorNavigation(error));
}
