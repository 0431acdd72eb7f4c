import type { OperatorRole } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { Database } from '../../db/database';
import { auditActor, type AuthState } from '../account';
import { createCertificateAccessRepo } from './certificate-access.repo';

/** read: see it; act: activate it (and later apply, share). */
export type CertificateNeed = 'read' | 'act';

/** How the caller reaches a certificate: as its holder, or as a member of its operator. */
export type CertificateReach =
  | { certificateId: string; holderId: string; via: 'holder' }
  | { certificateId: string; holderId: string; via: 'operator'; role: OperatorRole; operatorName: string };

const mayAct = (role: OperatorRole) => role === 'LEGAL_REPRESENTATIVE' || role === 'MANAGER';

/**
 * The one access rule for certificates. A certificate is reachable when it is the
 * caller's bound holder's, or the caller's account is an active (unrevoked) member of
 * the operator holding it: VIEWER may read, MANAGER and LEGAL_REPRESENTATIVE may act.
 * Any other id — someone else's, made up, or not even a UUID — is a 404 that does not
 * reveal whether it exists, and leaves an audit record (certificate.access_denied).
 * A VIEWER asking to act on a certificate it can already see gets 403 (nothing to hide).
 */
export function createCertificateAccess({ prisma, audit }: { prisma: Database['prisma']; audit: AuditLog }) {
  const repo = createCertificateAccessRepo(prisma);

  const deny = async (state: AuthState, certificateId: string, need: CertificateNeed, reason: string) =>
    audit.record({
      ...auditActor(state),
      action: 'certificate.access_denied',
      subjectType: 'certificate',
      subjectId: certificateId,
      outcome: 'DENIED',
      detail: { need, reason },
    });

  async function reach(state: AuthState, certificateId: string, need: CertificateNeed): Promise<CertificateReach> {
    const holderId = state.auth?.holderId ?? null;
    const accountId = state.auth?.accountId ?? null;
    const certificate = isUuid(certificateId) ? await repo.holderOf(certificateId) : null;
    if (certificate && holderId !== null && certificate.holderId === holderId)
      return { certificateId: certificate.id, holderId: certificate.holderId, via: 'holder' };
    const member = certificate && accountId ? await repo.membership(certificate.holderId, accountId) : null;
    if (!certificate || !member) {
      await deny(state, certificateId, need, 'not_reachable');
      throw new AppError('NOT_FOUND');
    }
    if (need === 'act' && !mayAct(member.role)) {
      await deny(state, certificateId, need, 'viewer_cannot_act');
      throw new AppError('FORBIDDEN', { message: '查看人员不能办理该证照业务，请联系法定代表人授权' });
    }
    return {
      certificateId: certificate.id,
      holderId: certificate.holderId,
      via: 'operator',
      role: member.role,
      operatorName: member.operator.name,
    };
  }

  /** Every holder whose certificates the caller may list, with the operator context. */
  async function reachableHolders(state: AuthState) {
    const own = state.auth?.holderId ?? null;
    const accountId = state.auth?.accountId ?? null;
    const memberships = accountId ? await repo.memberships(accountId) : [];
    const operators = memberships
      .filter((m) => m.operatorId !== own)
      .map((m) => ({ holderId: m.operatorId, operatorName: m.operator.name, role: m.role }));
    return { own, operators };
  }

  return { reach, reachableHolders };
}

export type CertificateAccess = ReturnType<typeof createCertificateAccess>;
