import type { z } from 'zod';
import type { deviceSchema } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { Logger } from '../../../lib/logger';
import { uuidv7 } from '../../../lib/uuidv7';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, type SessionTokens } from './session-token';
import type { SessionRepo } from './sessions.repo';

export type Device = z.infer<typeof deviceSchema>;
export type IssuedTokens = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
};

/**
 * Holder-side sessions: start one on a device (sign-in), and rotate its refresh token.
 * Access tokens live 15 minutes; the refresh token 30 days from its last rotation, and
 * each refresh replaces it. Presenting a refresh token that was already rotated away means
 * two parties hold it — the session is revoked (reuse detection).
 */
export function createAccountSessions(deps: { sessions: SessionRepo; sessionTokens: SessionTokens; logger: Logger }) {
  const { sessions } = deps;

  function accessToken(sessionId: string, sessionExpiresAt: Date, now: Date) {
    const expiresAt = new Date(Math.min(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000, sessionExpiresAt.getTime()));
    return {
      accessToken: deps.sessionTokens.issue(sessionId, expiresAt),
      accessTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  async function start(
    accountId: string,
    device: Device,
    now = new Date(),
  ): Promise<IssuedTokens & { sessionId: string }> {
    const id = uuidv7(now.getTime());
    const refresh = deps.sessionTokens.issueRefresh(id);
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
    await sessions.create({
      id,
      accountId,
      refreshTokenHash: refresh.hash,
      platform: device.platform,
      deviceLabel: device.label || null,
      expiresAt,
    });
    return {
      sessionId: id,
      ...accessToken(id, expiresAt, now),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  async function refresh(refreshToken: string, now = new Date()): Promise<IssuedTokens & { accountId: string }> {
    const presented = deps.sessionTokens.verifyRefresh(refreshToken);
    if (!presented.ok) throw new AppError('TOKEN_INVALID');
    const session = await sessions.findForRefresh(presented.sessionId);
    if (!session || session.revokedAt || !session.accountId) throw new AppError('TOKEN_INVALID');
    if (session.expiresAt <= now) throw new AppError('TOKEN_EXPIRED');
    const next = deps.sessionTokens.issueRefresh(session.id);
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
    const current = deps.sessionTokens.sameHash(presented.hash, session.refreshTokenHash);
    if (!current || !(await sessions.rotateRefresh(session.id, presented.hash, { hash: next.hash, expiresAt, now }))) {
      await sessions.revoke(session.id, now);
      deps.logger.warn({ sessionId: session.id }, 'refresh token reuse detected: session revoked');
      throw new AppError('TOKEN_INVALID', { message: '登录凭证已在别处使用，为保护账号安全已退出该设备，请重新登录' });
    }
    return {
      accountId: session.accountId,
      ...accessToken(session.id, expiresAt, now),
      refreshToken: next.token,
      refreshTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  return { start, refresh };
}

export type AccountSessions = ReturnType<typeof createAccountSessions>;
