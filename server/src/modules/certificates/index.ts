// The certificates module's public surface: other modules, the composition root and tests import from here only.

// Routes and the module's services (built once by the routes function, or by the composition root).
export { certificateRoutes } from './certificates.routes';
export {
  bindCertificateRepos,
  createCertificatesModule,
  type CertificateRepos,
  type CertificatesDeps,
  type CertificatesModule,
} from './certificates.module';

// The one access rule for certificates (holder or operator member), used by every module that reaches one.
export {
  createCertificateAccess,
  type CertificateAccess,
  type CertificateNeed,
  type CertificateReach,
} from './certificate-access';

// Repos and their row types.
export {
  createCertificateRepo,
  vehicleFaceSelect,
  type CertificateDetailRow,
  type CertificateRepo,
  type CertificateSummaryRow,
  type NewCertificateEvent,
} from './certificates.repo';
export { createCertificateAccessRepo, type CertificateAccessRepo } from './certificate-access.repo';

// Presentation helpers shared with other modules' presenters.
export { isoDate, type OperatorContext } from './certificates.presenter';

// The certificate face as verifiers, holders, partners and share recipients read it: the
// effective status (已过期 before the nightly job), the per-type face fields, dates.
export { effectiveStatus, faceDetails, idDerivedKeys, isoDateOrNull } from './certificate-face';

// The signed form of a certificate (SM2/SM3 over sorted-key JSON): issuance and every re-signing.
export {
  canonicalBytes,
  canonicalDataOf,
  signCanonical,
  signCanonicalWith,
  verifyCanonical,
  SIGNATURE_ALGORITHM,
  type CanonicalCertificateData,
} from './canonical-certificate';

// 归集: every change of a certificate enters the aggregation outbox in its own transaction (docs/aggregation.md).
export { enqueueAggregation, type AggregationDetail, type AggregationEvent } from './aggregation-outbox.repo';

// 已过期: the daily job that moves certificates past 有效期至 to EXPIRED (with their aggregation version).
export { expireCertificates, EXPIRY_CHUNK } from './expire';
export { createExpiryRepo, EXPIRY_REASON, type ExpiryRepo } from './expire.repo';
