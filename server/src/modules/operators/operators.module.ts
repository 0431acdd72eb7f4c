import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import { createAccountRepo, createConsentRepo, createFaceVerificationRepo, createMatchGuardRepo } from '../account';
import { createOperatorRepo } from './operators.repo';
import { createVehicleAssignmentRepo } from './vehicle-assignments.repo';

/** What the operators routes need from the composition root (`config.face`: the profile's face window). */
export type OperatorsDeps = {
  config: Pick<Config, 'face'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
  fieldCrypto: FieldCrypto;
  /** A business-status change rechecks the operator's certificates (rule operator.business-status). */
  compliance: { recheckCertificates(ids: readonly string[]): Promise<unknown> };
};

/**
 * The repos the module's use-cases run on, bound to one client: its own, the account's
 * matching guard (activation counts towards the real-name lock) and what the account
 * profile is read from. `tx` is there only to hand to `audit.record(entry, r.tx)` inside
 * `data.transaction`, never to query on.
 */
export const bindOperatorRepos = (db: Db) => ({
  tx: db,
  operators: createOperatorRepo(db),
  vehicleAssignments: createVehicleAssignmentRepo(db),
  matchGuard: createMatchGuardRepo(db),
  accounts: createAccountRepo(db),
  consents: createConsentRepo(db),
  faceVerifications: createFaceVerificationRepo(db),
});

export type OperatorRepos = ReturnType<typeof bindOperatorRepos>;

/** The module's services, built once (by operatorRoutes) and handed to its use-cases. */
export function createOperatorsModule(deps: OperatorsDeps) {
  return {
    config: deps.config,
    fieldCrypto: deps.fieldCrypto,
    data: createUnitOfWork(deps.prisma, bindOperatorRepos),
    audit: deps.audit,
  };
}

export type OperatorsModule = ReturnType<typeof createOperatorsModule>;
