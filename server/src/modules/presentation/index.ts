// The presentation module's public surface: 亮证 and 核验 (docs/presentation-token.md).

// The services, built once by the composition root, and the routes serving them.
export {
  bindPresentationRepos,
  createPresentationServices,
  type PresentationRepos,
  type PresentationServices,
  type PresentationServicesDeps,
} from './presentation.module';
export { presentationRoutes, type PresentationRoutesDeps } from './presentation.routes';

// What other modules verify through (the partner API) and the types of the services.
export type { Keyring, PresentationSigner } from './signing-keys';
export type { StatusListService } from './status-list';
export type { TokenVerifier } from './verify-token';

// Repos and their row types.
export {
  createPresentationRepo,
  readCertificateState,
  type FaceRow,
  type PresentationRepo,
  type StateRow,
} from './presentation.repo';
export { createSigningKeyRepo, type PresentationKeyRow, type SigningKeyRepo } from './signing-keys.repo';
export {
  createStaffCertificateRepo,
  type StaffCertificateRepo,
  type StaffCertificateRow,
} from './staff-certificates.repo';
export { createStatusIndexRepo, type StatusIndexRepo } from './status-list.repo';
