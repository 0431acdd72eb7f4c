// The certificate-file module's public surface (docs/certificate-file.md).
export { certificateFileRoutes, type CertificateFileRoutesDeps } from './certificate-file.routes';
export { createCertificateFiles, type CertificateFiles, type CertificateFilesDeps } from './certificate-files';
export { certificateFilesJob } from './certificate-files.job';

// The file formats without the database: the bench and the fixtures use them.
import type { generateCertificateFile as generate } from './generate-file';

export type { CertificateFileSource } from './generate-file';
/** The file writer, loaded on first use (certificate-files.ts says why). */
export const generateCertificateFile: typeof generate = async (...args) =>
  (await import('./generate-file')).generateCertificateFile(...args);
export { fileSignerOf } from './file-signer';
export { inspectCertificateFile } from './verify-file';
