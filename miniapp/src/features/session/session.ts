import type { TokenPair } from '@roadcert/shared';
import { clearTokens, hasTokens, saveTokens } from '../../lib/tokens';
import { forgetAllBatches } from '../presentation/batch-store';

/** Keeps the new session's tokens; the account itself is always re-read from `/api/v1/me`. */
export function saveSignIn(pair: Pick<TokenPair, 'accessToken' | 'refreshToken'>): void {
  saveTokens({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
}

export function clearSession(): void {
  clearTokens();
  // Pre-fetched 亮证 tokens belong to this session's holder: the next person on the phone must not show them.
  forgetAllBatches();
}

export function hasSession(): boolean {
  return hasTokens();
}
