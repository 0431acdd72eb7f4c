import { z } from 'zod';
import {
  deviceSessionListSchema,
  refreshRequestSchema,
  sessionsRevokedSchema,
  tokenPairSchema,
} from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { createRouteTable } from '../../../http/route';
import { isUuid } from '../../../lib/ids';
import { createAccountData, type SessionDeps } from '../account.module';
import { buildAccountProfile } from '../auth/account-profile';
import { createAccountSessions } from './account-sessions';

const sessionIdParams = z.object({ id: z.string().max(64) });

/** Token refresh, sign-out, and the holder's signed-in devices. */
export function sessionRoutes({ route }: ReturnType<typeof createRouteTable>, deps: SessionDeps) {
  const { data, audit } = createAccountData(deps);
  const { sessions } = data.repos;
  const accountSessions = createAccountSessions({ sessions, sessionTokens: deps.sessionTokens, logger: deps.logger });

  route({
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: 'New access token; the refresh token is rotated (an old one presented again revokes the session)',
    tags: ['auth'],
    access: 'public',
    body: refreshRequestSchema,
    response: tokenPairSchema,
    handler: async (_ctx, { body }) => {
      const { accountId, ...tokens } = await accountSessions.refresh(body.refreshToken);
      return { ...tokens, account: await buildAccountProfile(data.repos, accountId, deps.config.face.windowMinutes) };
    },
  });

  route({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'Sign out this device',
    tags: ['auth'],
    access: 'account',
    response: sessionsRevokedSchema,
    handler: async (ctx) => ({ revoked: await sessions.revoke(ctx.state.auth!.sessionId, new Date()) }),
  });

  route({
    method: 'get',
    path: '/api/v1/me/sessions',
    summary: 'Signed-in devices of this account (the calling one flagged current)',
    tags: ['auth'],
    access: 'account',
    response: deviceSessionListSchema,
    handler: async (ctx) => {
      const { accountId, sessionId } = ctx.state.auth!;
      const rows = await sessions.listActiveForAccount(accountId, new Date());
      return {
        items: rows.map((s) => ({
          id: s.id,
          platform: s.platform,
          deviceLabel: s.deviceLabel,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          current: s.id === sessionId,
        })),
      };
    },
  });

  route({
    method: 'delete',
    path: '/api/v1/me/sessions/:id',
    summary: "Sign out one of this account's devices (someone else's session id: 404)",
    tags: ['auth'],
    access: 'account',
    params: sessionIdParams,
    response: sessionsRevokedSchema,
    handler: async (ctx, { params }) => {
      const { accountId } = ctx.state.auth!;
      const own = isUuid(params.id) ? await sessions.revokeOwn(accountId, params.id, new Date()) : 0;
      if (own === 0) {
        // Not theirs, gone, or not an id at all: the same 404, and a record of the attempt.
        await audit.record({
          actorKind: 'ACCOUNT',
          actorId: accountId,
          action: 'session.revoke',
          subjectType: 'Session',
          subjectId: isUuid(params.id) ? params.id : null,
          outcome: 'DENIED',
          requestId: ctx.state.requestId,
        });
        throw new AppError('NOT_FOUND');
      }
      return { revoked: own };
    },
  });

  route({
    method: 'post',
    path: '/api/v1/me/sessions/revoke-all',
    summary: 'Sign out everywhere (every device of this account, this one included)',
    tags: ['auth'],
    access: 'account',
    response: sessionsRevokedSchema,
    handler: async (ctx) => {
      return { revoked: await sessions.revokeAllOwn(ctx.state.auth!.accountId, new Date()) };
    },
  });
}
