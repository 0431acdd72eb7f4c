import type { Context, Next } from 'koa';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SessionTokens } from './session-token';

/** What a route handler knows about its caller. */
export type AuthState = {
  requestId: string;
  auth?: {
    sessionId: string;
    /** The signed-in account; null only for DEMO sessions. */
    accountId: string | null;
    /** The holder the account is bound to (real-name binding), or the demo holder. */
    holderId: string | null;
    demo: boolean;
  };
};

/**
 * Resolves the bearer token to a live session. Missing token → 401 UNAUTHENTICATED;
 * forged → TOKEN_INVALID; expired → TOKEN_EXPIRED; revoked → TOKEN_INVALID.
 */
async function authenticate(ctx: Context, prisma: PrismaClient, tokens: SessionTokens) {
  const header = ctx.get('authorization');
  const match = /^Bearer ([A-Za-z0-9._-]{10,300})$/.exec(header);
  if (!match?.[1]) throw new AppError(header ? 'TOKEN_INVALID' : 'UNAUTHENTICATED');
  const verdict = tokens.verify(match[1]);
  if (!verdict.ok) throw new AppError(verdict.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
  const session = await prisma.session.findUnique({
    where: { id: verdict.sessionId },
    select: { id: true, revokedAt: true, expiresAt: true, accountId: true, demoHolderId: true, account: { select: { holderId: true } } },
  });
  if (!session || session.revokedAt) throw new AppError('TOKEN_INVALID');
  if (session.expiresAt <= new Date()) throw new AppError('TOKEN_EXPIRED');
  ctx.state.auth = {
    sessionId: session.id,
    accountId: session.accountId,
    holderId: session.account?.holderId ?? session.demoHolderId,
    demo: session.demoHolderId !== null,
  };
}

/** Any signed-in account, bound to a holder or not (e.g. the real-name binding step). */
export function requireAccount(prisma: PrismaClient, tokens: SessionTokens) {
  return async (ctx: Context, next: Next) => {
    await authenticate(ctx, prisma, tokens);
    await next();
  };
}

/** A signed-in account acting for a holder (after real-name binding). */
export function requireHolder(prisma: PrismaClient, tokens: SessionTokens) {
  return async (ctx: Context, next: Next) => {
    await authenticate(ctx, prisma, tokens);
    if (!ctx.state.auth.holderId) throw new AppError('REAL_NAME_REQUIRED');
    await next();
  };
}

/** The caller's holder id on a `holder` route (the access check guarantees it). */
export function currentHolderId(state: AuthState): string {
  const holderId = state.auth?.holderId;
  if (!holderId) throw new AppError('REAL_NAME_REQUIRED');
  return holderId;
}
