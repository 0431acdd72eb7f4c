// The certificate-file module's public surface (docs/certificate-file.md).
export { certificateFileRoutes, type CertificateFileRoutesDeps } from './certificate-file.routes';
export { createCertificateFiles, type CertificateFiles, type CertificateFilesDeps } from './certificate-files';
export { certificateFilesJob } from './certificate-files.job';

// The file formats without the database: the bench and the fixtures use them.
export { generateCertificateFile, type CertificateFileSource } from './generate-file';
export { fileSignerOf } from './file-signer';
export { inspectCertificateFile } from './verify-file';
