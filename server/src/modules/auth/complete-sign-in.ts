import type { TokenPair } from '@roadcert/shared';
import type { AppDeps } from '../../app';
import { createAuditLog } from '../../lib/audit';
import { createAccountSessions, type Device } from '../session/account-sessions';
import { buildAccountProfile } from './account-profile';

/** The last step of every holder sign-in: a session on this device, tokens, the profile, an audit row. */
export function createSignInCompleter(deps: AppDeps) {
  const sessions = createAccountSessions(deps);
  const audit = createAuditLog(deps.prisma);

  return async (accountId: string, device: Device, method: 'sms' | 'wechat', requestId: string): Promise<TokenPair> => {
    const { sessionId, ...tokens } = await sessions.start(accountId, device);
    await audit.record({
      actorKind: 'ACCOUNT',
      actorId: accountId,
      action: 'auth.sign-in',
      subjectType: 'Session',
      subjectId: sessionId,
      outcome: 'OK',
      requestId,
      detail: { method, platform: device.platform },
    });
    return { ...tokens, account: await buildAccountProfile(deps.prisma, accountId, deps.config.face.windowMinutes) };
  };
}
