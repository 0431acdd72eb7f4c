import { errorCodes, tokenPairSchema } from '@roadcert/shared';
import { ApiError, isApiError } from './api-error';
import { send } from './http';
import { clearTokens, readAccessToken, readRefreshToken, saveTokens } from './tokens';

export const REFRESH_PATH = '/api/v1/auth/refresh';

let inFlight: Promise<void> | null = null;

function sessionEnded(): ApiError {
  return new ApiError({ code: 'TOKEN_EXPIRED', status: 401, message: errorCodes.TOKEN_EXPIRED.message });
}

/** A refusal means the session is over; an outage (no answer, 5xx) does not. */
function refusedByServer(error: unknown): boolean {
  return isApiError(error) && error.status >= 400 && error.status < 500;
}

async function refreshTokens(): Promise<void> {
  const refreshToken = readRefreshToken();
  if (!refreshToken) {
    clearTokens();
    throw sessionEnded();
  }
  try {
    const pair = await send(
      { path: REFRESH_PATH, method: 'POST', data: { refreshToken }, schema: tokenPairSchema },
      undefined,
    );
    saveTokens(pair);
  } catch (error) {
    if (!refusedByServer(error)) throw error;
    clearTokens();
    // Whatever the refusal said (expired, revoked, reused), for the caller it is one thing:
    // sign in again. A 401 is what every page already treats that way.
    throw isApiError(error) && error.status === 401 ? error : sessionEnded();
  }
}

/**
 * Gets a fresh access token after `expiredToken` was answered with TOKEN_EXPIRED. Single-flight:
 * calls that expire together share one refresh, because the refresh token rotates and a second
 * refresh with the old one would be refused. If another call already replaced the expired token,
 * there is nothing to do. Rejects with a 401 ApiError (tokens cleared) when the server refuses,
 * or with the outage error (tokens kept) when it could not be reached.
 */
export function renewAccessToken(expiredToken: string): Promise<void> {
  const current = readAccessToken();
  if (current !== undefined && current !== expiredToken) return Promise.resolve();
  if (!inFlight) {
    inFlight = refreshTokens().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}
