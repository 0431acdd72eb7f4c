import Taro from '@tarojs/taro';
import { appConfig } from '../config';
import { badResponseError, errorFromResponse, networkError } from './api-error';

/** What a call needs from a schema; zod schemas from `@roadcert/shared` fit as they are. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpCall<T> {
  /** Path under the API origin, starting with `/api/`. */
  path: string;
  method?: HttpMethod;
  /** JSON body (or query parameters for GET). */
  data?: Record<string, unknown>;
  /** Validates the 2xx body; without it the body is returned unchecked. */
  schema?: ResponseSchema<T>;
}

function buildHeader(hasBody: boolean, accessToken: string | undefined): Record<string, string> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) header['Content-Type'] = 'application/json';
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  return header;
}

/**
 * One HTTP exchange with the API, nothing more: resolves with the (validated) body of a 2xx
 * response; rejects with an ApiError otherwise — the server's code and Chinese message,
 * NETWORK when nothing came back, BAD_RESPONSE when a 2xx body breaks the shared schema.
 */
export async function send<T>(call: HttpCall<T>, accessToken: string | undefined): Promise<T> {
  const method = call.method ?? 'GET';
  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({
      url: appConfig.apiBase + call.path,
      method,
      data: call.data,
      header: buildHeader(call.data !== undefined && method !== 'GET', accessToken),
      dataType: 'json',
      timeout: appConfig.requestTimeoutMs,
    });
  } catch (cause) {
    throw networkError(cause);
  }

  const { statusCode, data } = response;
  if (statusCode < 200 || statusCode >= 300) throw errorFromResponse(statusCode, data);
  if (!call.schema) return data as T;

  const parsed = call.schema.safeParse(data);
  if (!parsed.success) throw badResponseError(statusCode, parsed.error);
  return parsed.data;
}
