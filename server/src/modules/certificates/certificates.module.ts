import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import { createFaceVerificationRepo } from '../account';
import { createCertificateAccess } from './certificate-access';
import { createCertificateRepo } from './certificates.repo';

/** What the certificates routes need from the composition root. */
export type CertificatesDeps = {
  config: Pick<Config, 'face'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
};

/**
 * The repos the module's use-cases run on, bound to one client. `tx` is there only to
 * hand to `audit.record(entry, r.tx)` inside `data.transaction`, never to query on.
 */
export const bindCertificateRepos = (db: Db) => ({
  tx: db,
  certificates: createCertificateRepo(db),
  faceVerifications: createFaceVerificationRepo(db),
});

export type CertificateRepos = ReturnType<typeof bindCertificateRepos>;

/** The module's services, built once (by certificateRoutes) and handed to its use-cases. */
export function createCertificatesModule(deps: CertificatesDeps) {
  return {
    config: deps.config,
    data: createUnitOfWork(deps.prisma, bindCertificateRepos),
    access: createCertificateAccess(deps),
    audit: deps.audit,
  };
}

export type CertificatesModule = ReturnType<typeof createCertificatesModule>;
