// The partners module's public surface: the partner API, its keys, and the demo partner (embedded mode).

export { partnerRoutes, type PartnersDeps } from './partners.routes';
export { generateApiKey, hashApiKey } from './api-keys';
export { ensureDemoPartner } from './demo-partner';
export { createPartnerRepo, type PartnerRepo } from './partners.repo';
// API-key authentication, for partner routes other modules declare (certificate-file verification).
export { createPartnerAuth, type AuthenticatedPartner } from './partner-auth';
