import type { Context, Next } from 'koa';
import { AppError } from '../../../errors';
import type { Db } from '../../../db/unit-of-work';
import type { AuthState, StaffRole } from '../../../http/auth-state';
import type { SessionTokens } from './session-token';
import { createSessionRepo, type SessionRepo } from './sessions.repo';

export type { AuthState, StaffRole };

/** Authority staff: idle this long and the session ends (absolute limit: the session's expiresAt). */
export const STAFF_IDLE_TIMEOUT_MS = 30 * 60_000;

type SessionRow = NonNullable<Awaited<ReturnType<SessionRepo['findForAuth']>>>;

/**
 * Resolves the bearer token to a live session. Missing token → 401 UNAUTHENTICATED;
 * forged → TOKEN_INVALID; expired → TOKEN_EXPIRED; revoked → TOKEN_INVALID.
 */
async function liveSession(ctx: Context, sessions: SessionRepo, tokens: SessionTokens, now: Date): Promise<SessionRow> {
  const header = ctx.get('authorization');
  // The scheme name is case-insensitive (RFC 7235 §2.1): "bearer …" is the same credential.
  const match = /^Bearer +([A-Za-z0-9._-]{10,300})$/i.exec(header);
  if (!match?.[1]) throw new AppError(header ? 'TOKEN_INVALID' : 'UNAUTHENTICATED');
  const verdict = tokens.verify(match[1], now);
  if (!verdict.ok) throw new AppError(verdict.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  const session = await sessions.findForAuth(verdict.sessionId);
  if (!session || session.revokedAt) throw new AppError('TOKEN_INVALID');
  if (session.expiresAt <= now) throw new AppError('TOKEN_EXPIRED');
  return session;
}

/**
 * An account's session; staff tokens are not valid on holder routes. A session without an
 * account (none are created any more) is refused like a forged token.
 */
async function authenticate(ctx: Context, sessions: SessionRepo, tokens: SessionTokens) {
  const now = new Date();
  const session = await liveSession(ctx, sessions, tokens, now);
  if (session.staffUserId || !session.accountId || !session.account) throw new AppError('TOKEN_INVALID');
  ctx.state.auth = {
    sessionId: session.id,
    accountId: session.accountId,
    holderId: session.account.holderId,
  };
  await sessions.touch(session.id, now);
}

/** Any signed-in account, bound to a holder or not (e.g. the real-name binding step). */
export function requireAccount(prisma: Db, tokens: SessionTokens) {
  const sessions = createSessionRepo(prisma);
  return async (ctx: Context, next: Next) => {
    await authenticate(ctx, sessions, tokens);
    await next();
  };
}

/** A signed-in account acting for a holder (after real-name binding). */
export function requireHolder(prisma: Db, tokens: SessionTokens) {
  const sessions = createSessionRepo(prisma);
  return async (ctx: Context, next: Next) => {
    await authenticate(ctx, sessions, tokens);
    if (!ctx.state.auth.holderId) throw new AppError('REAL_NAME_REQUIRED');
    await next();
  };
}

/**
 * Authority staff, optionally holding `role`. Idle for 30 minutes → the session is
 * revoked and the call answers SESSION_IDLE_TIMEOUT; a holder's token → FORBIDDEN.
 */
export function requireStaff(prisma: Db, tokens: SessionTokens, role?: StaffRole) {
  const sessions = createSessionRepo(prisma);
  return async (ctx: Context, next: Next) => {
    const now = new Date();
    const session = await liveSession(ctx, sessions, tokens, now);
    if (!session.staffUserId || !session.staffUser) throw new AppError('FORBIDDEN');
    if (session.staffUser.disabledAt) {
      await sessions.revoke(session.id, now);
      throw new AppError('TOKEN_INVALID');
    }
    if (now.getTime() - session.lastSeenAt.getTime() > STAFF_IDLE_TIMEOUT_MS) {
      await sessions.revoke(session.id, now);
      throw new AppError('SESSION_IDLE_TIMEOUT');
    }
    ctx.state.staff = {
      sessionId: session.id,
      staffUserId: session.staffUserId,
      roles: session.staffUser.roles,
      regionCode: session.staffUser.regionCode,
    };
    if (role && !session.staffUser.roles.includes(role)) throw new AppError('FORBIDDEN');
    await sessions.touch(session.id, now);
    await next();
  };
}

/** The caller's holder id on a `holder` route (the access check guarantees it). */
export function currentHolderId(state: AuthState): string {
  const holderId = state.auth?.holderId;
  if (!holderId) throw new AppError('REAL_NAME_REQUIRED');
  return holderId;
}

/** Data stewards and administrators: stock imports and batch compliance runs. */
export const STEWARD_ROLES: readonly StaffRole[] = ['DATA_STEWARD', 'ADMIN'];

/**
 * The staff caller on a `staff` route; with `role` (one, or any of a list), FORBIDDEN unless
 * they hold it — with `message` for people when the refusal needs saying in words.
 */
export function currentStaff(state: AuthState, role?: StaffRole | readonly StaffRole[], message?: string) {
  const staff = state.staff;
  if (!staff) throw new AppError('UNAUTHENTICATED');
  const anyOf = role === undefined ? [] : typeof role === 'string' ? [role] : role;
  if (anyOf.length > 0 && !anyOf.some((r) => staff.roles.includes(r)))
    throw new AppError('FORBIDDEN', message === undefined ? undefined : { message });
  return staff;
}
