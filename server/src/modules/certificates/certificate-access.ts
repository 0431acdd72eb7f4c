import type { CertificateAccessRole } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { Database } from '../../db/database';
import { auditActor, type AuthState } from '../account';
import { createCertificateAccessRepo } from './certificate-access.repo';

/**
 * read: see it; present: fetch its presentation tokens (亮证 at a roadside check is acting
 * for the holder, not reading); act: activate it, apply, share.
 */
export type CertificateNeed = 'read' | 'present' | 'act';

/**
 * How the caller reaches a certificate: as its holder, or for the operator holding it —
 * as a member (its role) or as the driver (随车人员, role DRIVER) of the certificate's vehicle.
 */
export type CertificateReach =
  | { certificateId: string; holderId: string; via: 'holder' }
  | { certificateId: string; holderId: string; via: 'operator'; role: CertificateAccessRole; operatorName: string };

/** What each role may do beyond reading; the holder and LEGAL_REPRESENTATIVE/MANAGER may do all. */
const allowed: Record<CertificateAccessRole, readonly CertificateNeed[]> = {
  LEGAL_REPRESENTATIVE: ['read', 'present', 'act'],
  MANAGER: ['read', 'present', 'act'],
  DRIVER: ['read', 'present'],
  VIEWER: ['read'],
};

/** The 403 answer for a role that can see the certificate but may not do this with it. */
const refusals: Record<string, { reason: string; message: string }> = {
  'VIEWER:act': { reason: 'viewer_cannot_act', message: '查看人员不能办理该证照业务，请联系法定代表人授权' },
  'VIEWER:present': {
    reason: 'viewer_cannot_present',
    message: '查看人员不能出示企业证照，请联系企业将您安排为该车辆的随车人员或授权为经办人',
  },
  'DRIVER:act': { reason: 'driver_cannot_act', message: '随车人员只能出示所随车辆的证照，不能办理证照业务' },
};

/**
 * The one access rule for certificates. A certificate is reachable when it is the
 * caller's bound holder's, or the caller's account is an active (unrevoked) member of
 * the operator holding it: VIEWER may read, MANAGER and LEGAL_REPRESENTATIVE may also
 * present and act. A driver the operator assigned to a vehicle (live VehicleAssignment)
 * reaches that vehicle's certificates held by the operator, to read and present only;
 * the operator's other certificates stay out of reach for them (404).
 * Any other id — someone else's, made up, or not even a UUID — is a 404 that does not
 * reveal whether it exists, and leaves an audit record (certificate.access_denied).
 * A role asking for more than it may do with a certificate it can already see gets 403
 * (nothing to hide).
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
    // A VIEWER who also drives this vehicle presents it as its driver.
    const driver =
      certificate?.vehicleId && accountId && (!member || member.role === 'VIEWER')
        ? await repo.driverAssignment(certificate.holderId, certificate.vehicleId, accountId)
        : null;
    if (!certificate || (!member && !driver)) {
      await deny(state, certificateId, need, 'not_reachable');
      throw new AppError('NOT_FOUND');
    }
    const role: CertificateAccessRole = driver ? 'DRIVER' : member!.role;
    if (!allowed[role].includes(need)) {
      const refusal = refusals[`${role}:${need}`] ?? { reason: 'not_allowed', message: '您没有办理该证照业务的权限' };
      await deny(state, certificateId, need, refusal.reason);
      throw new AppError('FORBIDDEN', { message: refusal.message });
    }
    return {
      certificateId: certificate.id,
      holderId: certificate.holderId,
      via: 'operator',
      role,
      operatorName: (member?.operator ?? driver!.operator).name,
    };
  }

  /**
   * Every holder whose certificates the caller may list, with the operator context, and the
   * vehicles the caller drives for operators they cannot already present everything of.
   */
  async function reachableHolders(state: AuthState) {
    const own = state.auth?.holderId ?? null;
    const accountId = state.auth?.accountId ?? null;
    const memberships = accountId ? await repo.memberships(accountId) : [];
    const operators = memberships
      .filter((m) => m.operatorId !== own)
      .map((m) => ({ holderId: m.operatorId, operatorName: m.operator.name, role: m.role }));
    const presentsAll = new Set(operators.filter((o) => o.role !== 'VIEWER').map((o) => o.holderId));
    const driven = (accountId ? await repo.drivenVehicles(accountId) : [])
      .filter((d) => d.operatorId !== own && !presentsAll.has(d.operatorId))
      .map((d) => ({ holderId: d.operatorId, vehicleId: d.vehicleId, operatorName: d.operator.name }));
    return { own, operators, driven };
  }

  return { reach, reachableHolders };
}

export type CertificateAccess = ReturnType<typeof createCertificateAccess>;
