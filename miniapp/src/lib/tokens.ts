import { getStored, removeStored, setStored } from './storage';

/**
 * The session's tokens on this device. The access token is sent with every call; the refresh
 * token only to `/auth/refresh`, which rotates it (the old one stops working), so the pair is
 * always saved together.
 */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

export function readAccessToken(): string | undefined {
  return getStored('accessToken');
}

export function readRefreshToken(): string | undefined {
  return getStored('refreshToken');
}

export function saveTokens(tokens: SessionTokens): void {
  setStored('accessToken', tokens.accessToken);
  setStored('refreshToken', tokens.refreshToken);
}

export function clearTokens(): void {
  removeStored('accessToken');
  removeStored('refreshToken');
}

export function hasTokens(): boolean {
  return readAccessToken() !== undefined;
}
