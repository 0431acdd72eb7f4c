import { createAuditLog, type AuditEntry } from '../../lib/audit';
import type { AppDeps } from '../../app';
import {
  clearMatchFailures,
  countMatchFailure,
  isLocked,
  lockAccountForMatching,
  lockedError,
  mismatchError,
  sameText,
} from '../identity/match-guard';

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
  deps: AppDeps,
  caller: { accountId: string; holderId: string },
  input: { creditCode: string; legalRepName: string; legalRepIdNumber: string },
  actor: Actor,
) {
  const audit = createAuditLog(deps.prisma);
  const idHash = deps.fieldCrypto.blindIndex(input.legalRepIdNumber, 'id-number');
  const now = new Date();

  const outcome = await deps.prisma.$transaction(async (tx) => {
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
        tx,
      );
    const account = await lockAccountForMatching(tx, caller.accountId);
    if (isLocked(account, now)) {
      await record('DENIED', 'locked', null);
      return { result: 'locked' as const, lockedTill: account.realNameLockedTill! };
    }
    const operator = await tx.holder.findFirst({
      where: { creditCode: input.creditCode, kind: 'OPERATOR' },
      select: { id: true, legalRepName: true, legalRepIdHash: true },
    });
    const me = await tx.holder.findUnique({
      where: { id: caller.holderId },
      select: { kind: true, name: true, idNumberHash: true },
    });
    const operatorMatches =
      operator !== null &&
      sameText(operator.legalRepIdHash, idHash) &&
      sameText(operator.legalRepName, input.legalRepName);
    const callerIsRep =
      me !== null && me.kind === 'PERSON' && sameText(me.idNumberHash, idHash) && sameText(me.name, input.legalRepName);
    if (!operator || !operatorMatches || !callerIsRep) {
      const lockedTill = await countMatchFailure(tx, account, now);
      await record(
        'FAILED',
        !operator ? 'operator_unknown' : !operatorMatches ? 'legal_rep_mismatch' : 'caller_not_legal_rep',
        operator?.id ?? null,
      );
      return lockedTill ? { result: 'locked' as const, lockedTill } : { result: 'mismatch' as const };
    }
    await tx.operatorMember.upsert({
      where: { operatorId_accountId: { operatorId: operator.id, accountId: caller.accountId } },
      create: { operatorId: operator.id, accountId: caller.accountId, role: 'LEGAL_REPRESENTATIVE', grantedAt: now },
      update: { role: 'LEGAL_REPRESENTATIVE', revokedAt: null, grantedById: null, grantedAt: now },
    });
    await clearMatchFailures(tx, caller.accountId);
    await record('OK', 'matched', operator.id);
    return { result: 'activated' as const };
  });

  if (outcome.result === 'locked') throw lockedError(outcome.lockedTill, now);
  if (outcome.result === 'mismatch') throw mismatchError();
}
