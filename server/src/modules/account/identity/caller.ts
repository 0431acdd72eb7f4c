import { AppError } from '../../../errors';
import type { AuditEntry } from '../../../lib/audit';
import type { AuthState } from '../session/authenticate';

/** The signed-in account on an `account` or `holder` route. */
export function currentAccountId(state: AuthState): string {
  const accountId = state.auth?.accountId;
  if (!accountId) throw new AppError('UNAUTHENTICATED');
  return accountId;
}

/** Who an audit row is about: the signed-in account (a person), or nobody known. */
export function auditActor(state: AuthState): Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'> {
  const auth = state.auth;
  if (auth) return { actorKind: 'ACCOUNT', actorId: auth.accountId, requestId: state.requestId };
  return { actorKind: 'ANONYMOUS', actorId: null, requestId: state.requestId };
}
