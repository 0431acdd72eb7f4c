import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createUnitOfWork, type Db, type UnitOfWork } from '../../db/unit-of-work';
import type { SmsProvider } from '../../adapters/sms';
import type { WechatClient } from '../../adapters/wechat';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { createAccountRepo } from './auth/accounts.repo';
import { createVerificationCodeRepo } from './auth/verification-codes.repo';
import type { FaceVerificationProvider } from './face/face-verification-provider';
import { createFaceVerificationRepo } from './face/face-verifications.repo';
import { createConsentRepo } from './identity/consents.repo';
import { createMatchGuardRepo } from './identity/match-guard.repo';
import { createRealNameRepo } from './identity/real-name.repo';
import type { SessionTokens } from './session/session-token';
import { createSessionRepo } from './session/sessions.repo';

/*
 * What each of the account module's routes functions needs from the composition root. The
 * property names are the composition root's, so its one wide deps object satisfies them all.
 * Every one reads `config.face` for the profile's face window.
 */
type ProfileDeps = {
  config: Pick<Config, 'face'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
};

/** authRoutes: SMS and WeChat sign-in. */
export type AuthDeps = ProfileDeps & {
  logger: Logger;
  fieldCrypto: FieldCrypto;
  sessionTokens: SessionTokens;
  sms: SmsProvider;
  wechat: WechatClient | null;
};

/** devSmsOutboxRoutes: the console SMS stand-in's outbox. */
export type DevSmsOutboxDeps = { config: Pick<Config, 'sms'>; prisma: Database['prisma']; fieldCrypto: FieldCrypto };

/** sessionRoutes: refresh, sign-out, devices. */
export type SessionDeps = ProfileDeps & { logger: Logger; sessionTokens: SessionTokens };

/** identityRoutes: profile, consents, real-name binding. */
export type IdentityDeps = ProfileDeps & { fieldCrypto: FieldCrypto };

/** faceVerificationRoutes: face verification attempts. */
export type FaceVerificationDeps = ProfileDeps & { fieldCrypto: FieldCrypto; face: FaceVerificationProvider };

/** Everything the module's routes functions need together. */
export type AccountDeps = AuthDeps & DevSmsOutboxDeps & SessionDeps & IdentityDeps & FaceVerificationDeps;

/**
 * The repos the module's use-cases run on, bound to one client. `tx` is there only to
 * hand to `audit.record(entry, r.tx)` inside `data.transaction`, never to query on.
 */
export const bindAccountRepos = (db: Db) => ({
  tx: db,
  accounts: createAccountRepo(db),
  verificationCodes: createVerificationCodeRepo(db),
  sessions: createSessionRepo(db),
  consents: createConsentRepo(db),
  faceVerifications: createFaceVerificationRepo(db),
  matchGuard: createMatchGuardRepo(db),
  realName: createRealNameRepo(db),
});

export type AccountRepos = ReturnType<typeof bindAccountRepos>;
export type AccountData = UnitOfWork<AccountRepos>;

/** The module's data access and audit log: the one place its unit of work is built (each routes function calls it once). */
export function createAccountData({ prisma, audit }: { prisma: Database['prisma']; audit: AuditLog }) {
  return { data: createUnitOfWork(prisma, bindAccountRepos), audit };
}

export type AccountStore = ReturnType<typeof createAccountData>;
