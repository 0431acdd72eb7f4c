import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { KeyMaterial } from '../../lib/key-material';
import type { ObjectStorage } from '../../adapters/storage';
import { createCertificateAccess } from '../certificates';
import { createPhotoRepo } from '../photos';
import { createApplicationPhotos } from './application-photo';
import { createApplicationCompliance } from './application-compliance';
import { createApplicationRepo } from './applications.repo';
import { createIssuanceRepo } from './issuance.repo';

/** What the applications routes need from the composition root. */
export type ApplicationsDeps = {
  /** issuingAuthorities: the issuer of a certificate without a base; storage: the photo links' lifetime. */
  config: Pick<Config, 'issuingAuthorities' | 'storage'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
  /** Signed links to the attached portrait. */
  storage: Pick<ObjectStorage, 'signedUrl'>;
  /** Issuance: the certificate number sealed, the signed bytes encrypted for the outbox. */
  fieldCrypto: FieldCrypto;
  /** Issuance: the SM2 key that signs certificates. */
  keys: KeyMaterial;
  /** After issuance: the new and the replaced certificate rechecked (their tasks in step). */
  compliance: { recheckCertificates(ids: readonly string[]): Promise<unknown> };
  /** Returned / issued / rejected: the holder's reminder, enqueued on the decision's transaction. */
  reminders?: { events: { applicationDecided(db: Db, decision: ApplicationDecisionNotice): Promise<void> } };
};

/** What the reminders module is told of a review decision (docs/reminders.md, APPLICATION_STATUS). */
export type ApplicationDecisionNotice = {
  applicationId: string;
  holderId: string;
  typeCode: string;
  state: 'RETURNED' | 'ISSUED' | 'REJECTED';
  certificateId: string | null;
  reason?: string;
  decidedAt: Date;
};

/**
 * The repos the module's use-cases run on, bound to one client. `tx` is there only to
 * hand to `audit.record(entry, r.tx)` inside `data.transaction`, never to query on.
 */
export const bindApplicationRepos = (db: Db) => ({
  tx: db,
  applications: createApplicationRepo(db),
  issuance: createIssuanceRepo(db),
  photos: createPhotoRepo(db),
});

export type ApplicationRepos = ReturnType<typeof bindApplicationRepos>;

/** The module's services, built once (by applicationRoutes) and handed to its use-cases. */
export function createApplicationsModule(deps: ApplicationsDeps) {
  const data = createUnitOfWork(deps.prisma, bindApplicationRepos);
  const audit = deps.audit;
  return {
    data,
    audit,
    access: createCertificateAccess(deps),
    photos: createApplicationPhotos({ config: deps.config, storage: deps.storage, photos: data.repos.photos, audit }),
    issuance: { config: deps.config, fieldCrypto: deps.fieldCrypto, keys: deps.keys },
    compliance: createApplicationCompliance({ fieldCrypto: deps.fieldCrypto, applications: data.repos.applications }),
    recheck: deps.compliance.recheckCertificates,
    reminders: deps.reminders?.events ?? null,
  };
}

export type ApplicationsModule = ReturnType<typeof createApplicationsModule>;
