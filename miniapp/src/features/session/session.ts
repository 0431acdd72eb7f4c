import type { TokenPair } from '@roadcert/shared';
import { clearTokens, hasTokens, saveTokens } from '../../lib/tokens';

/** Keeps the new session's tokens; the account itself is always re-read from `/api/v1/me`. */
export function saveSignIn(pair: Pick<TokenPair, 'accessToken' | 'refreshToken'>): void {
  saveTokens({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
}

export function clearSession(): void {
  clearTokens();
}

export function hasSession(): boolean {
  return hasTokens();
}
