// The lookup module's public surface: 凭证号查询, and the number + name matcher the partner API reuses.

export { lookupRoutes } from './lookup.routes';
export { numberKey, requireLookupInput, type LookupDeps } from './lookup.service';
export { createCertificateMatcher, type CertificateMatch, type CertificateMatcherDeps } from './match-certificate';
// The matched certificate's columns, which shares select for their faces too.
export { createLookupRepo, matchSelect, type LookupRepo, type MatchedCertificate } from './lookup.repo';
