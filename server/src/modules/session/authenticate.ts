import type { Context, Next } from 'koa';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../generated/prisma/client';
import type { SessionTokens } from './session-token';

/** What a route handler knows about its caller. */
export type AuthState = {
  requestId: string;
  auth?: { sessionId: string; holderId: string; demo: boolean };
};

/**
 * Requires a valid, unrevoked session acting for a holder. Missing token → 401
 * UNAUTHENTICATED; forged → TOKEN_INVALID; expired or revoked → TOKEN_EXPIRED/INVALID.
 */
export function requireHolder(prisma: PrismaClient, tokens: SessionTokens) {
  return async (ctx: Context, next: Next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer ([A-Za-z0-9._-]{10,300})$/.exec(header);
    if (!match?.[1]) throw new AppError(header ? 'TOKEN_INVALID' : 'UNAUTHENTICATED');
    const verdict = tokens.verify(match[1]);
    if (!verdict.ok) throw new AppError(verdict.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
    const session = await prisma.session.findUnique({
      where: { id: verdict.sessionId },
      select: { id: true, revokedAt: true, expiresAt: true, demoHolderId: true, account: { select: { holderId: true } } },
    });
    if (!session || session.revokedAt) throw new AppError('TOKEN_INVALID');
    if (session.expiresAt <= new Date()) throw new AppError('TOKEN_EXPIRED');
    const holderId = session.account?.holderId ?? session.demoHolderId;
    if (!holderId) throw new AppError('FORBIDDEN', { message: '请先完成实名认证' });
    ctx.state.auth = { sessionId: session.id, holderId, demo: session.demoHolderId !== null };
    await next();
  };
}
