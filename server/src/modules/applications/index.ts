// The applications module's public surface: the composition root and tests import from here only.

// Routes and the module's services (built once by the routes function, or by the composition root).
export { applicationRoutes } from './applications.routes';
export {
  bindApplicationRepos,
  createApplicationsModule,
  type ApplicationRepos,
  type ApplicationsDeps,
  type ApplicationsModule,
} from './applications.module';

// Repos and their row types.
export {
  createApplicationRepo,
  type ApplicationDetailRow,
  type ApplicationRepo,
  type ApplicationRow,
} from './applications.repo';
export { createIssuanceRepo, type IssuanceRepo } from './issuance.repo';
// Issuance in the approval's unit of work (the issuance-latency bench calls it as approval does).
export { issueCertificate, type ApprovedApplication } from './issuance';
