import type { ApplicationSummary } from '@roadcert/shared';

/** States after which a certificate can take a new application (the server's rule: one open at a time). */
const CLOSED: ReadonlySet<ApplicationSummary['state']> = new Set(['REJECTED', 'ISSUED']);

/** The application still open on this certificate, if any: the page links to it instead of offering new ones. */
export function openApplicationFor(
  applications: readonly ApplicationSummary[],
  certificateId: string,
): ApplicationSummary | null {
  return (
    applications.find(
      (application) => application.baseCertificateId === certificateId && !CLOSED.has(application.state),
    ) ?? null
  );
}
