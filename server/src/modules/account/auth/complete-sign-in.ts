import type { TokenPair } from '@roadcert/shared';
import type { AccountStore, AuthDeps } from '../account.module';
import { createAccountSessions, type Device } from '../session/account-sessions';
import { buildAccountProfile } from './account-profile';

/** What the sign-in use-cases run on: the routes' deps (but the client) and the module's data. */
export type SignInDeps = Omit<AuthDeps, 'prisma'> & AccountStore;

/** The last step of every holder sign-in: a session on this device, tokens, the profile, an audit row. */
export function createSignInCompleter(deps: SignInDeps) {
  const { data, audit } = deps;
  const sessions = createAccountSessions({
    sessions: data.repos.sessions,
    sessionTokens: deps.sessionTokens,
    logger: deps.logger,
  });

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
    return { ...tokens, account: await buildAccountProfile(data.repos, accountId, deps.config.face.windowMinutes) };
  };
}
