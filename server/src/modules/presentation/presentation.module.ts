import type { ObjectStorage } from '../../adapters/storage';
import type { Config } from '../../config';
import type { Database, Sql } from '../../db/database';
import type { ChangeFeed } from '../../db/notify';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import type { KeyMaterial } from '../../lib/key-material';
import type { SigningPool } from '../../lib/signing-pool';
import type { UsageLog } from '../../lib/usage-event';
import { createCertificateAccess } from '../certificates';
import type { SessionTokens } from '../account';
import { createAnchorRepo } from './anchors.repo';
import { createHolderTokens } from './holder-tokens';
import { createPresentationRepo } from './presentation.repo';
import { createKeyring } from './signing-keys';
import { createSigningKeyRepo } from './signing-keys.repo';
import { createStaffCertificates } from './staff-certificates';
import { createStaffCertificateRepo } from './staff-certificates.repo';
import { createStatusListService } from './status-list';
import { createStatusIndexRepo } from './status-list.repo';
import { createTokenVerifier } from './verify-token';

/**
 * The repos the module's services run on, bound to one client. `tx` is there only to hand
 * to `audit.record(entry, r.tx)` inside `data.transaction`, never to query on.
 */
export const bindPresentationRepos = (db: Db) => ({
  tx: db,
  signingKeys: createSigningKeyRepo(db),
  statusIndexes: createStatusIndexRepo(db),
  faces: createPresentationRepo(db),
  anchors: createAnchorRepo(db),
  staffCertificates: createStaffCertificateRepo(db),
});

export type PresentationRepos = ReturnType<typeof bindPresentationRepos>;

/** What the presentation services need from the composition root. */
export type PresentationServicesDeps = {
  config: Pick<Config, 'presentation' | 'mode' | 'dataDir' | 'publicBaseUrl' | 'storage'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
  /** The verify hot path's state read (readCertificateState). */
  sql: Sql;
  /** The SM2 presentation key is the service's signing key. */
  keys: Pick<KeyMaterial, 'signing'>;
  /** Signs anchors and status lists off the main thread (lib/signing-pool.ts). */
  signingPool: Pick<SigningPool, 'sm2Sign'>;
  fieldCrypto: Pick<FieldCrypto, 'blindIndexes'>;
  /** A staff session widens what a verification shows. */
  sessionTokens: SessionTokens;
  storage: Pick<ObjectStorage, 'signedUrl'>;
  usageLog: Pick<UsageLog, 'record'>;
  /** A status change brings the certificate's completion tasks in step (a revoked one's close). */
  compliance?: { recheckCertificates(ids: readonly string[]): Promise<unknown> };
  /** A failed recheck is logged (counted, no personal data); the nightly run catches it up. */
  logger?: Pick<Logger, 'warn'>;
  /** Changes made through any process drop this one's cached states, status list and keys (db/notify.ts). */
  changes: Pick<ChangeFeed, 'subscribe' | 'live'>;
};

/**
 * The presentation services, built once: the keyring (signers, published key list), the
 * status list, the token verifier, the holder's token batches and staff's status changes.
 * The presentation routes serve them; the partner API verifies through the same verifier.
 */
export function createPresentationServices(deps: PresentationServicesDeps) {
  const data = createUnitOfWork(deps.prisma, bindPresentationRepos);
  const { repos } = data;
  const keyring = createKeyring({ ...deps, signingKeys: repos.signingKeys });
  const statusList = createStatusListService({ ...deps, statusIndexes: repos.statusIndexes }, keyring);
  const holderTokens = createHolderTokens(
    { ...deps, faces: repos.faces, anchors: repos.anchors },
    createCertificateAccess(deps),
    keyring,
    statusList,
  );
  const verifier = createTokenVerifier({ ...deps, faces: repos.faces }, keyring);
  const staffCertificates = createStaffCertificates(
    { ...deps, data, audit: deps.audit },
    statusList,
    // A status change drops the verifier's cached state of that certificate at once, and
    // rechecks it (a certificate leaving the scope has its tasks resolved).
    (id) => {
      verifier.forget(id);
      void deps.compliance
        ?.recheckCertificates([id])
        .catch((err: unknown) => deps.logger?.warn({ err }, 'compliance recheck after a status change failed'));
    },
  );
  return { keyring, statusList, verifier, holderTokens, staffCertificates };
}

export type PresentationServices = ReturnType<typeof createPresentationServices>;
