import { errorBodySchema, errorCodes, type ErrorCode } from '@roadcert/shared';

/**
 * Codes a caller can switch on: the server's stable codes plus two the client raises itself —
 * NETWORK (no response at all) and BAD_RESPONSE (a response that breaks the shared contract).
 */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务返回的数据有误，请稍后再试';

export interface ApiErrorInit {
  code: ApiErrorCode;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** Chinese, for people. Programs switch on `code`. */
  message: string;
  requestId?: string;
  fields?: Record<string, string>;
  /** Rate limits and lockouts: seconds until trying again makes sense (body `retryAfterSeconds`). */
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Brand for `isApiError`: `instanceof` is unreliable once classes are compiled to ES5. */
  readonly isApiError = true;

  constructor(init: ApiErrorInit, options?: { cause?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.fields = init.fields;
    this.retryAfterSeconds = init.retryAfterSeconds;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === 'object' && error !== null && (error as { isApiError?: unknown }).isApiError === true;
}

/** True when the session is missing, invalid or expired: the caller should sign in again. */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

export function networkError(cause?: unknown): ApiError {
  return new ApiError({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE }, { cause });
}

export function badResponseError(status: number, cause?: unknown): ApiError {
  return new ApiError({ code: 'BAD_RESPONSE', status, message: BAD_RESPONSE_MESSAGE }, { cause });
}

/** Best guess at a code when an error response carries no contract body (e.g. a proxy's 502 page). */
function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'NOT_READY';
  return 'INTERNAL';
}

/** Turns a non-2xx response into an ApiError, trusting the body only if it matches the contract. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, requestId, fields, retryAfterSeconds } = parsed.data;
    return new ApiError({ code: code as ErrorCode, status, message, requestId, fields, retryAfterSeconds });
  }
  const code = codeForStatus(status);
  return new ApiError({ code, status, message: errorCodes[code].message });
}

/** Anything caught from an API call, as an ApiError (unexpected throws become INTERNAL). */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  return new ApiError({ code: 'INTERNAL', status: 0, message: errorCodes.INTERNAL.message }, { cause: error });
}
