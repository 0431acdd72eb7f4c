// The account module's public surface (sign-in, sessions, identity, face verification): other
// modules, the composition root and tests import from here only.

// Routes, and what each routes function needs from the composition root.
export { authRoutes } from './auth/auth.routes';
export { devSmsOutboxRoutes } from './auth/dev-sms-outbox.routes';
export { sessionRoutes } from './session/sessions.routes';
export { identityRoutes } from './identity/identity.routes';
export { faceVerificationRoutes } from './face/face-verifications.routes';
export {
  bindAccountRepos,
  createAccountData,
  type AccountData,
  type AccountDeps,
  type AccountRepos,
  type AccountStore,
  type AuthDeps,
  type DevSmsOutboxDeps,
  type FaceVerificationDeps,
  type IdentityDeps,
  type SessionDeps,
} from './account.module';

// Authentication: the route table's access checks, and who the caller is inside a handler.
export {
  requireAccount,
  requireHolder,
  requireStaff,
  currentHolderId,
  currentStaff,
  STEWARD_ROLES,
  type AuthState,
  type StaffRole,
} from './session/authenticate';
export { auditActor, currentAccountId } from './identity/caller';

// Session tokens (built once from key material by the composition root) and session rows
// (staff sign-in starts its sessions with this repo).
export { createSessionTokens, type SessionTokens } from './session/session-token';
export { createSessionRepo, type SessionRepo } from './session/sessions.repo';
export type { Device } from './session/account-sessions';

// The AccountProfile every sign-in and identity step returns (operators return it too).
export { buildAccountProfile, type AccountProfileRepos } from './auth/account-profile';
export { createAccountRepo, type AccountRepo } from './auth/accounts.repo';

// PIPL consents.
export { createConsentRepo, type ConsentRepo } from './identity/consents.repo';

// The per-account identity-matching limit, shared by real-name binding and operator activation.
export { createMatchGuardRepo, type MatchAccount, type MatchGuardRepo } from './identity/match-guard.repo';
export {
  clearMatchFailures,
  countMatchFailure,
  isLocked,
  lockAccountForMatching,
  lockedError,
  mismatchError,
  sameText,
} from './identity/match-guard';

// Face verification: the provider (chosen once by the composition root) and the attempts
// (certificate activation reads the fresh pass).
export { createFaceVerificationProvider } from './face/create-face-provider';
export type { FaceVerificationProvider } from './face/face-verification-provider';
export { createFaceVerificationRepo, type FaceVerificationRepo } from './face/face-verifications.repo';
