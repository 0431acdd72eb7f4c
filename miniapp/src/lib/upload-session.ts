import { renewAccessToken } from './token-refresh';
import { readAccessToken } from './tokens';

/** An HTTP answer to an upload, whatever its status; the body parsed as JSON when it is JSON. */
export interface UploadResponse {
  statusCode: number;
  data: unknown;
}

/** weapp's uploadFile hands the body over as a string; H5 as text too. JSON if it parses, else the text. */
export function parseUploadBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function errorCodeOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
}

/**
 * Sends with the session's access token, exactly as lib/request does: on TOKEN_EXPIRED the
 * token is refreshed once (shared with other calls) and the upload is sent once more.
 */
export async function sendWithSession(
  send: (accessToken: string | undefined) => Promise<UploadResponse>,
): Promise<UploadResponse> {
  const token = readAccessToken();
  const first = await send(token);
  if (token === undefined || first.statusCode !== 401 || errorCodeOf(first.data) !== 'TOKEN_EXPIRED') return first;
  await renewAccessToken(token);
  return send(readAccessToken());
}

export function authHeader(accessToken: string | undefined): Record<string, string> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  return header;
}
