import { consentsRequiredFor } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { AuditEntry } from '../../../lib/audit';
import type { FieldCrypto } from '../../../lib/field-crypto';
import type { AccountStore } from '../account.module';
import { requireConsents } from './consents';
import {
  clearMatchFailures,
  countMatchFailure,
  isLocked,
  lockAccountForMatching,
  lockedError,
  mismatchError,
  sameText,
} from './match-guard';

type Actor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;

type Outcome =
  | { result: 'bound' | 'already-bound' }
  | { result: 'mismatch' | 'locked' | 'bound-to-another-holder'; lockedTill?: Date };

/**
 * Real-name binding: name + citizen ID matched against the PERSON holder records by the
 * ID's blind index and the exact name. A match binds the account to the holder.
 *
 * Every mismatch gets the same answer (REAL_NAME_MISMATCH), whether the ID is unknown,
 * the name differs or the holder is already bound to another account, and every path
 * makes the same single lookup. A binding never moves: a holder bound to one account
 * cannot be taken over by another (that needs the authority's counter, not this API).
 * Failures count towards the per-account lock (match-guard.ts). Every attempt is audited.
 */
export async function bindRealName(
  deps: AccountStore & { fieldCrypto: FieldCrypto },
  accountId: string,
  input: { name: string; idNumber: string },
  actor: Actor,
) {
  const { data, audit } = deps;
  const record = (
    outcome: AuditEntry['outcome'],
    reason: string,
    holderId: string | null = null,
    tx?: Parameters<typeof audit.record>[1],
  ) =>
    audit.record(
      {
        ...actor,
        action: 'real_name.bind',
        subjectType: holderId ? 'holder' : 'account',
        subjectId: holderId ?? accountId,
        outcome,
        detail: { reason },
      },
      tx,
    );

  try {
    await requireConsents(data.repos.consents, accountId, consentsRequiredFor.realNameBinding);
  } catch (err) {
    await record('DENIED', 'consent_required');
    throw err;
  }

  const idHashes = deps.fieldCrypto.blindIndexes(input.idNumber, 'id-number');
  const now = new Date();
  const outcome = await data.transaction(async (r): Promise<Outcome> => {
    const account = await lockAccountForMatching(r.matchGuard, accountId);
    if (isLocked(account, now)) {
      await record('DENIED', 'locked', null, r.tx);
      return { result: 'locked', lockedTill: account.realNameLockedTill! };
    }
    // One query in every path: the holder (if any) and the account it is bound to (if any).
    const match = await r.realName.findPersonByIdHash(idHashes);
    const nameMatches = match !== undefined && sameText(match.name, input.name);

    if (account.holderId) {
      if (nameMatches && match.id === account.holderId) {
        await record('OK', 'already_bound', match.id, r.tx);
        return { result: 'already-bound' };
      }
      await record('DENIED', 'account_already_bound', null, r.tx);
      return { result: 'bound-to-another-holder' };
    }
    if (nameMatches && match.boundAccountId === null) {
      await r.realName.bindHolder(accountId, match.id, now);
      await clearMatchFailures(r.matchGuard, accountId);
      await record('OK', 'matched', match.id, r.tx);
      return { result: 'bound' };
    }
    const reason = !match ? 'id_unknown' : !nameMatches ? 'name_mismatch' : 'holder_bound_elsewhere';
    const lockedTill = await countMatchFailure(r.matchGuard, account, now);
    await record('FAILED', reason, match?.id ?? null, r.tx);
    return lockedTill ? { result: 'locked', lockedTill } : { result: 'mismatch' };
  });

  if (outcome.result === 'locked') throw lockedError(outcome.lockedTill!, now);
  if (outcome.result === 'mismatch') throw mismatchError();
  if (outcome.result === 'bound-to-another-holder')
    throw new AppError('CONFLICT', { message: '该账号已完成实名认证，不能更换为其他持证人' });
}
