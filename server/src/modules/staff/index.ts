// The staff module's public surface: the composition root, tests, the seed and e2e import from here only.

// Routes and the module's services (built once by the routes function, or by the composition root).
export { staffRoutes } from './staff.routes';
export { bindStaffRepos, createStaffModule, type StaffDeps, type StaffModule, type StaffRepos } from './staff.module';

// The repo, and the column name its sealed TOTP secret is bound to (the seed writes staff users).
export { createStaffRepo, TOTP_SECRET_COLUMN, type StaffRepo } from './staff.repo';

// Password hashing and TOTP (RFC 6238): the seed hashes demo passwords, e2e computes codes.
export { hashPassword, verifyPassword } from './password';
export { base32Decode, base32Encode, hotp, otpauthUri, TOTP_STEP_SECONDS, totpStep, verifyTotp } from './totp';
