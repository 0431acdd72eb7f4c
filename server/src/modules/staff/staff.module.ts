import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import { createSessionRepo, type SessionTokens } from '../account';
import { createStaffRepo } from './staff.repo';

/** What the staff routes need from the composition root. */
export type StaffDeps = {
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
  fieldCrypto: FieldCrypto;
  sessionTokens: SessionTokens;
};

/** The repos the module's use-cases run on, bound to one client: staff accounts and (the account module's) sessions. */
export const bindStaffRepos = (db: Db) => ({ staff: createStaffRepo(db), sessions: createSessionRepo(db) });

export type StaffRepos = ReturnType<typeof bindStaffRepos>;

/** The module's services, built once (by staffRoutes) and handed to its use-cases. */
export function createStaffModule(deps: StaffDeps) {
  return {
    fieldCrypto: deps.fieldCrypto,
    sessionTokens: deps.sessionTokens,
    data: createUnitOfWork(deps.prisma, bindStaffRepos),
    audit: deps.audit,
  };
}

export type StaffModule = ReturnType<typeof createStaffModule>;
