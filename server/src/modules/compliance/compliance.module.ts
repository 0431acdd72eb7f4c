import type { ObjectStorage } from '../../adapters/storage';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { KeyMaterial } from '../../lib/key-material';
import type { Logger } from '../../lib/logger';
import { chinaToday } from '@roadcert/shared';
import { createCertificateAccess } from '../certificates';
import { createBatch } from './batch';
import { createChecker } from './checker';
import { createComplianceRepo, createRunsRepo } from './compliance.repo';
import { createRates } from './rates';
import { createRatesRepo } from './rates.repo';
import { createSubjectsRepo } from './subjects.repo';
import { createSupplementWriter } from './supplement';
import { createTasks } from './tasks';

/** What the compliance module needs from the composition root. */
export type ComplianceDeps = {
  config: Pick<Config, 'storage'>;
  prisma: Database['prisma'];
  sql: Database['sql'];
  logger: Logger;
  audit: AuditLog;
  fieldCrypto: FieldCrypto;
  keys: Pick<KeyMaterial, 'signing'>;
  storage: Pick<ObjectStorage, 'signedUrl'>;
};

/**
 * The module's services, built once by the composition root (`container.compliance`): the
 * checker (recheck after any change, and the batch over the stock), the holder's and staff's
 * task use-cases, the rates. Other modules reach it through `recheckCertificates` only.
 */
export function createComplianceModule(deps: ComplianceDeps) {
  const runsRepo = createRunsRepo(deps.prisma);
  const data = createUnitOfWork(deps.prisma, (db: Db) => ({
    /** Only to hand to `audit.record(entry, r.tx)` inside `data.transaction`, never to query on. */
    tx: db,
    compliance: createComplianceRepo(db),
  }));
  const checker = createChecker({ fieldCrypto: deps.fieldCrypto, subjects: createSubjectsRepo(deps.sql) });
  const batch = createBatch({ checker, runs: runsRepo, logger: deps.logger });
  const tasks = createTasks({
    data,
    access: createCertificateAccess(deps),
    audit: deps.audit,
    checker,
    supplements: createSupplementWriter(deps),
    storage: deps.storage,
    urlTtlSeconds: deps.config.storage.urlTtlSeconds,
  });
  const rates = createRates({ rates: createRatesRepo(deps.sql), runs: runsRepo });
  return {
    checker,
    batch,
    tasks,
    rates,
    runs: runsRepo,
    /** After any change of certificates (issuance, status, import, supplement): their tasks brought in step. */
    recheckCertificates: (ids: readonly string[]) => checker.recheck(ids, chinaToday()),
  };
}

export type ComplianceModule = ReturnType<typeof createComplianceModule>;
