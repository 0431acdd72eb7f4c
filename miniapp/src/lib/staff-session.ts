import { isApiError } from './api-error';
import { send, type HttpCall } from './http';
import { getStored, removeStored, setStored } from './storage';

/**
 * The authority staff (运管) session of the H5 portal. It is not an account session: its own
 * token under its own key, sent only by `staffRequest`, never refreshed (the server gives staff
 * no refresh token: 8 h absolute, 30 min idle). Signing a holder in or out leaves it alone, and
 * the other way round.
 */
export function readStaffToken(): string | undefined {
  return getStored('staffAccessToken');
}

export function saveStaffToken(accessToken: string): void {
  setStored('staffAccessToken', accessToken);
}

export function clearStaffToken(): void {
  removeStored('staffAccessToken');
}

export function hasStaffSession(): boolean {
  return readStaffToken() !== undefined;
}

/**
 * Calls a staff endpoint with the staff token. Any 401 (expired, idle, revoked, none) means the
 * staff session is over: the token is dropped and the error reaches the caller, whose page sends
 * the reviewer to the staff sign-in. `auth: false` for the two sign-in steps.
 */
export async function staffRequest<T>(call: HttpCall<T> & { auth?: boolean }): Promise<T> {
  const token = call.auth === false ? undefined : readStaffToken();
  try {
    return await send(call, token);
  } catch (error) {
    if (token !== undefined && isApiError(error) && error.status === 401) clearStaffToken();
    throw error;
  }
}
