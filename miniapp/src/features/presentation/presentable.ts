import type { CertificateSummary } from '@roadcert/shared';
import { localIsoDate } from '../certificates/card-view';

/**
 * Whether the certificate gets the 亮证 button: an activated electronic certificate that is
 * valid today. The service decides again (NOT_PRESENTABLE); this only keeps a button that
 * cannot work off the screen.
 */
export function isPresentable(
  certificate: Pick<CertificateSummary, 'carrier' | 'activated' | 'status' | 'validUntil'>,
  today: string = localIsoDate(new Date()),
): boolean {
  if (certificate.carrier !== 'ELECTRONIC' || !certificate.activated || certificate.status !== 'VALID') return false;
  return certificate.validUntil === null || certificate.validUntil >= today;
}
