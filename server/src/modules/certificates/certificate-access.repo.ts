import type { Db } from '../../db/unit-of-work';

/** The reads behind the certificate access rule (certificate-access.ts). */
export function createCertificateAccessRepo(db: Db) {
  return {
    /** The certificate's holder, or null when there is no such certificate. */
    holderOf: (certificateId: string) =>
      db.certificate.findUnique({ where: { id: certificateId }, select: { id: true, holderId: true } }),

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
  };
}

export type CertificateAccessRepo = ReturnType<typeof createCertificateAccessRepo>;
