import Taro from '@tarojs/taro';
import { appConfig } from '../config';
import { badResponseError, errorFromResponse, networkError } from './api-error';
import { getStored } from './storage';

export { ApiError, isApiError, isUnauthenticated, type ApiErrorCode } from './api-error';

/** What `request` needs from a schema; zod schemas from `@roadcert/shared` fit as they are. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<T> {
  /** Path under the API origin, starting with `/api/`. */
  path: string;
  method?: HttpMethod;
  /** JSON body (or query parameters for GET). */
  data?: Record<string, unknown>;
  /** Validates the 2xx body; without it the body is returned unchecked. */
  schema?: ResponseSchema<T>;
}

function buildHeader(hasBody: boolean): Record<string, string> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) header['Content-Type'] = 'application/json';
  const token = getStored('sessionToken');
  if (token) header.Authorization = `Bearer ${token}`;
  return header;
}

/**
 * Calls the RoadCert API. Resolves with the (validated) body of a 2xx response; rejects with an
 * ApiError otherwise: the server's code and Chinese message, NETWORK when nothing came back,
 * BAD_RESPONSE when a 2xx body breaks the shared schema.
 */
export async function request<T>(options: RequestOptions<T>): Promise<T> {
  const method = options.method ?? 'GET';
  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({
      url: appConfig.apiBase + options.path,
      method,
      data: options.data,
      header: buildHeader(options.data !== undefined && method !== 'GET'),
      dataType: 'json',
      timeout: appConfig.requestTimeoutMs,
    });
  } catch (cause) {
    throw networkError(cause);
  }

  const { statusCode, data } = response;
  if (statusCode < 200 || statusCode >= 300) throw errorFromResponse(statusCode, data);
  if (!options.schema) return data as T;

  const parsed = options.schema.safeParse(data);
  if (!parsed.success) throw badResponseError(statusCode, parsed.error);
  return parsed.data;
}

export function getJson<T>(path: string, schema?: ResponseSchema<T>): Promise<T> {
  return request({ path, schema });
}

export function postJson<T>(path: string, body: Record<string, unknown>, schema?: ResponseSchema<T>): Promise<T> {
  return request({ path, method: 'POST', data: body, schema });
}
