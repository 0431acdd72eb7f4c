import type { Context, Next } from 'koa';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '@roadcert/shared';
import { AppError } from '../errors';
import { classifyDatabaseError } from '../db/errors';
import { DATABASE_RETRY_AFTER_SECONDS, databaseOutage } from '../db/outage';
import type { Logger } from '../lib/logger';

/**
 * The only place errors become HTTP responses: AppError → its status (a wait, if any, as
 * both the Retry-After header and `retryAfterSeconds` in the body); validation →
 * 400 with the failing fields; bad JSON / too large bodies (from the body parser) →
 * 400 / 413; Prisma unique violation → 409, record not found → 404; database unreachable →
 * 503 DATABASE_UNAVAILABLE with Retry-After (logged once per interval, db/outage.ts);
 * anything else → a logged 500 with the request id and no detail.
 */
export async function errorHandler(ctx: Context, next: Next) {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) throw new AppError('NOT_FOUND');
  } catch (err) {
    const { status, body } = errorResponse(err, ctx.state.requestId, ctx.state.log);
    if (body.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(body.retryAfterSeconds));
    ctx.status = status;
    ctx.body = body;
  }
}

/** Any thrown value as the status and body the client gets (also used by http/fast-routes). */
export function errorResponse(
  err: unknown,
  requestId: string,
  log: Pick<Logger, 'error' | 'info'>,
): { status: number; body: ErrorBody } {
  const mapped = toAppError(err);
  if (!mapped) log.error({ err, requestId }, 'unhandled error');
  // Not one stack trace per request while the database is down: one line per interval.
  else if (mapped.code === 'DATABASE_UNAVAILABLE' && mapped !== err)
    databaseOutage.unavailable(log, err, { requestId });
  const error = mapped ?? new AppError('INTERNAL');
  const body: ErrorBody = { code: error.code, message: error.message, requestId };
  if (error.fields) body.fields = error.fields;
  if (error.verdict) body.verdict = error.verdict;
  if (error.retryAfterSeconds !== undefined) body.retryAfterSeconds = error.retryAfterSeconds;
  return { status: error.status, body };
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const fields = Object.fromEntries(err.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    return new AppError('VALIDATION_FAILED', { fields });
  }
  const database = classifyDatabaseError(err);
  if (database === 'unique-violation') return new AppError('CONFLICT');
  if (database === 'not-found') return new AppError('NOT_FOUND');
  if (database === 'unavailable')
    return new AppError('DATABASE_UNAVAILABLE', { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, cause: err });
  const status = (err as { status?: number; expose?: boolean }).status;
  const httpCodes: Record<number, ErrorCode> = {
    400: 'MALFORMED_JSON',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
  };
  const code = status ? httpCodes[status] : undefined;
  return code ? new AppError(code) : null;
}
