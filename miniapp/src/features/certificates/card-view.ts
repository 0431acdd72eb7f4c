import { carriers, type CertificateSummary } from '@roadcert/shared';
import { formatValidity, statusAppearance, type StatusAppearance } from '../../lib/format';

/** Everything a certificate card shows, already in display form. */
export interface CertificateCardView {
  id: string;
  title: string;
  numberMasked: string;
  carrierLabel: string;
  status: StatusAppearance;
  /** '有效期至 2027年05月01日' or '长期有效'. */
  validity: string;
  issuingAuthority: string;
  /** Only vehicle certificates (道路运输证, 网约车运输证) carry a plate. */
  plateNumber: string | null;
}

export function toCertificateCardView(certificate: CertificateSummary): CertificateCardView {
  return {
    id: certificate.id,
    title: certificate.typeName,
    numberMasked: certificate.numberMasked,
    carrierLabel: carriers[certificate.carrier].label,
    status: statusAppearance(certificate.status),
    validity: formatValidity(certificate.validUntil),
    issuingAuthority: certificate.issuingAuthority,
    plateNumber: certificate.plateNumber && certificate.plateNumber.trim() !== '' ? certificate.plateNumber : null,
  };
}

/** Valid certificates first (what a driver needs to present), then the rest; order kept within each. */
export function sortForDisplay(cards: CertificateCardView[]): CertificateCardView[] {
  const valid = cards.filter((card) => card.status.tone === 'valid');
  const other = cards.filter((card) => card.status.tone !== 'valid');
  return [...valid, ...other];
}
