import type { CertificateSummary } from '@roadcert/shared';
import { localIsoDate } from '../certificates/card-view';

/**
 * Whether the certificate gets the 亮证 button: an activated electronic certificate that is
 * valid today, and not one the person only views for its operator (查看人员 may not present).
 * The service decides again (NOT_PRESENTABLE, FORBIDDEN); this only keeps a button that
 * cannot work off the screen.
 */
export function isPresentable(
  certificate: Pick<CertificateSummary, 'carrier' | 'activated' | 'status' | 'validUntil'> &
    Partial<Pick<CertificateSummary, 'operatorRole'>>,
  today: string = localIsoDate(new Date()),
): boolean {
  if (certificate.operatorRole === 'VIEWER') return false;
  if (certificate.carrier !== 'ELECTRONIC' || !certificate.activated || certificate.status !== 'VALID') return false;
  return certificate.validUntil === null || certificate.validUntil >= today;
}
