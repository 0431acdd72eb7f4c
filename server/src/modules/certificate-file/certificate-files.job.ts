import type { JobDefinition } from '../../jobs/runner';
import type { CertificateFiles } from './certificate-files';

/** How far back each run looks: three runs, so a failed run's certificates are caught by the next. */
const LOOK_BACK_MS = 15 * 60_000;

/**
 * Makes the file of every certificate signed recently (issuance, a new version, re-signed
 * data), off the issuance transaction: the holder's first download finds it ready. A download
 * before the job has run makes it on the spot, so the job only saves the wait.
 */
export const certificateFilesJob = (files: Pick<CertificateFiles, 'makeRecent'>): JobDefinition => ({
  name: 'certificate-files.make',
  cron: '*/5 * * * *',
  description: '证照文件 (OFD + PDF) made for certificates signed in the last 15 minutes (docs/certificate-file.md)',
  retryLimit: 1,
  retryDelaySeconds: 60,
  expireInSeconds: 900,
  run: () => files.makeRecent(new Date(Date.now() - LOOK_BACK_MS)),
});
