import { errorCodes, type HolderProfile } from '@roadcert/shared';
import { ApiError } from '../../lib/api-error';
import { useRemote } from '../../hooks/useRemote';
import { fetchMe } from '../holder/api';
import { hasSession } from '../session/session';
import { redirectWhenSignedOut } from '../session/signed-out';
import { fetchMyCertificates } from './api';
import { sortForDisplay, toCertificateCardView, type CertificateCardView } from './card-view';

export interface CertificateWallet {
  holder: HolderProfile;
  cards: CertificateCardView[];
}

async function loadWallet(): Promise<CertificateWallet> {
  // No token: skip the round trip that would only answer 401.
  if (!hasSession()) {
    throw new ApiError({ code: 'UNAUTHENTICATED', status: 401, message: errorCodes.UNAUTHENTICATED.message });
  }
  const [holder, certificates] = await Promise.all([fetchMe(), fetchMyCertificates()]);
  return { holder, cards: sortForDisplay(certificates.map(toCertificateCardView)) };
}

/** The signed-in holder and their certificates; signed-out people are sent to sign in. */
export function useCertificateWallet() {
  return useRemote(loadWallet, redirectWhenSignedOut);
}
