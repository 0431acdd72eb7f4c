import { errorCodes, type ErrorBody, type ErrorCode } from '@roadcert/shared';

/**
 * The one error type the service throws on purpose. `code` is stable (shared/errors.ts)
 * and decides the HTTP status; `message` is for people (Chinese) and defaults to the
 * code's standard text; `fields` names the failing inputs.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    options: {
      message?: string;
      fields?: Record<string, string>;
      cause?: unknown;
      retryAfterSeconds?: number;
      verdict?: ErrorBody['verdict'];
    } = {},
  ) {
    super(options.message ?? errorCodes[code].message, { cause: options.cause });
    this.status = errorCodes[code].status;
    this.fields = options.fields;
    this.retryAfterSeconds =
      options.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterSeconds));
    this.verdict = options.verdict;
  }
  readonly fields: Record<string, string> | undefined;
  /** Sent as the Retry-After header (rate limits, lockouts). */
  readonly retryAfterSeconds: number | undefined;
  /** PHOTO_REJECTED: the full quality verdict, sent beside `fields`. */
  readonly verdict: ErrorBody['verdict'];
}

/** One-line guard: `assertThat(cert, 'NOT_FOUND')`. */
export function assertThat(
  condition: unknown,
  code: ErrorCode,
  options?: ConstructorParameters<typeof AppError>[1],
): asserts condition {
  if (!condition) throw new AppError(code, options);
}
