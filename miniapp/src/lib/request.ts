import { isApiError } from './api-error';
import { send, type HttpCall, type HttpMethod, type ResponseSchema } from './http';
import { renewAccessToken } from './token-refresh';
import { readAccessToken } from './tokens';

export { ApiError, isApiError, isUnauthenticated, type ApiErrorCode } from './api-error';
export type { HttpMethod, ResponseSchema };

export interface RequestOptions<T> extends HttpCall<T> {
  /** False for calls that must not carry the session (sign-in itself). Default true. */
  auth?: boolean;
}

/**
 * Calls the RoadCert API with the session's access token. When the server answers
 * TOKEN_EXPIRED, the token is refreshed once (shared with any other call that expired at the
 * same time) and the call is retried once with the new token. If the refresh is refused the
 * tokens are gone and the 401 reaches the caller, whose page sends the person to sign in.
 */
export async function request<T>(options: RequestOptions<T>): Promise<T> {
  const token = options.auth === false ? undefined : readAccessToken();
  try {
    return await send(options, token);
  } catch (error) {
    if (token === undefined || !isApiError(error) || error.code !== 'TOKEN_EXPIRED') throw error;
    await renewAccessToken(token);
    return send(options, readAccessToken());
  }
}

export function getJson<T>(path: string, schema?: ResponseSchema<T>, query?: Record<string, string>): Promise<T> {
  return request({ path, schema, data: query });
}

export function postJson<T>(path: string, body: Record<string, unknown>, schema?: ResponseSchema<T>): Promise<T> {
  return request({ path, method: 'POST', data: body, schema });
}

/** Sign-in calls: no Authorization header, no refresh. */
export function postPublic<T>(path: string, body: Record<string, unknown>, schema?: ResponseSchema<T>): Promise<T> {
  return request({ path, method: 'POST', data: body, schema, auth: false });
}

export function deleteJson<T>(path: string, schema?: ResponseSchema<T>): Promise<T> {
  return request({ path, method: 'DELETE', schema });
}
