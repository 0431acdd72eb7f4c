import type { Db } from '../../db/unit-of-work';

/** The reads behind the certificate access rule (certificate-access.ts). */
export function createCertificateAccessRepo(db: Db) {
  return {
    /** The certificate's holder, or null when there is no such certificate. */
    holderOf: (certificateId: string) =>
      db.certificate.findUnique({
        where: { id: certificateId },
        select: { id: true, holderId: true, vehicleId: true },
      }),

    /** The account's active (unrevoked) membership of the operator holding a certificate, or null. */
    membership: (operatorId: string, accountId: string) =>
      db.operatorMember.findFirst({
        where: { operatorId, accountId, revokedAt: null },
        select: { role: true, operator: { select: { name: true } } },
      }),

    /** Every active membership of the account, with the operator's name. */
    memberships: (accountId: string) =>
      db.operatorMember.findMany({
        where: { accountId, revokedAt: null },
        select: { operatorId: true, role: true, operator: { select: { name: true } } },
      }),

    /** The account's live assignment as a driver (随车人员) of this operator's vehicle, or null. */
    driverAssignment: (operatorId: string, vehicleId: string, accountId: string) =>
      db.vehicleAssignment.findFirst({
        where: { operatorId, vehicleId, accountId, revokedAt: null },
        select: { id: true, operator: { select: { name: true } } },
      }),

    /** Every vehicle the account is assigned to as a driver (live assignments), with the operator's name. */
    drivenVehicles: (accountId: string) =>
      db.vehicleAssignment.findMany({
        where: { accountId, revokedAt: null },
        distinct: ['operatorId', 'vehicleId'],
        select: { operatorId: true, vehicleId: true, operator: { select: { name: true } } },
      }),
  };
}

export type CertificateAccessRepo = ReturnType<typeof createCertificateAccessRepo>;
