import type { AuditEntry } from '../../lib/audit';
import {
  clearMatchFailures,
  countMatchFailure,
  isLocked,
  lockAccountForMatching,
  lockedError,
  mismatchError,
  sameText,
} from '../account';
import type { OperatorsModule } from './operators.module';

type Actor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;

/**
 * Operator activation by its legal representative (法定代表人): the USCC names an
 * OPERATOR holder whose recorded representative has this name and ID number, and the
 * caller's own bound holder is that person. Success makes the account the operator's
 * LEGAL_REPRESENTATIVE member (who then authorises staff). A mismatch of any kind gets
 * the real-name answer (REAL_NAME_MISMATCH) and counts towards the same lock; every path
 * makes the same two lookups. Every attempt is audited.
 */
export async function activateOperator(
  { fieldCrypto, data, audit }: OperatorsModule,
  caller: { accountId: string; holderId: string },
  input: { creditCode: string; legalRepName: string; legalRepIdNumber: string },
  actor: Actor,
) {
  // Every key's digest while a blind-index rotation runs: a stored digest matches one of them.
  const idHashes = fieldCrypto.blindIndexes(input.legalRepIdNumber, 'id-number');
  const nameHashes = fieldCrypto.personNameIndexes(input.legalRepName);
  const anyOf = (stored: string | null, digests: string[]) => digests.some((digest) => sameText(stored, digest));
  const now = new Date();

  const outcome = await data.transaction(async (r) => {
    const record = (outcome: AuditEntry['outcome'], reason: string, operatorId: string | null) =>
      audit.record(
        {
          ...actor,
          action: 'operator.activate',
          subjectType: operatorId ? 'holder' : 'account',
          subjectId: operatorId ?? caller.accountId,
          outcome,
          detail: { reason },
        },
        r.tx,
      );
    const account = await lockAccountForMatching(r.matchGuard, caller.accountId);
    if (isLocked(account, now)) {
      await record('DENIED', 'locked', null);
      return { result: 'locked' as const, lockedTill: account.realNameLockedTill! };
    }
    const operator = await r.operators.findByCreditCode(input.creditCode);
    const me = await r.operators.findHolderIdentity(caller.holderId);
    // The name is sealed (blind index); a record the nightly job has not sealed yet still has it in clear.
    const nameMatches =
      operator !== null &&
      (operator.legalRepNameHash !== null
        ? anyOf(operator.legalRepNameHash, nameHashes)
        : sameText(operator.legalRepName, input.legalRepName));
    const operatorMatches = operator !== null && anyOf(operator.legalRepIdHash, idHashes) && nameMatches;
    const callerIsRep =
      me !== null && me.kind === 'PERSON' && anyOf(me.idNumberHash, idHashes) && sameText(me.name, input.legalRepName);
    if (!operator || !operatorMatches || !callerIsRep) {
      const lockedTill = await countMatchFailure(r.matchGuard, account, now);
      await record(
        'FAILED',
        !operator ? 'operator_unknown' : !operatorMatches ? 'legal_rep_mismatch' : 'caller_not_legal_rep',
        operator?.id ?? null,
      );
      return lockedTill ? { result: 'locked' as const, lockedTill } : { result: 'mismatch' as const };
    }
    await r.operators.makeLegalRepresentative(operator.id, caller.accountId, now);
    await clearMatchFailures(r.matchGuard, caller.accountId);
    await record('OK', 'matched', operator.id);
    return { result: 'activated' as const };
  });

  if (outcome.result === 'locked') throw lockedError(outcome.lockedTill, now);
  if (outcome.result === 'mismatch') throw mismatchError();
}
