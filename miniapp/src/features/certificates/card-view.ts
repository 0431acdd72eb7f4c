import { carriers, certificateAccessRoleLabels, type CertificateSummary } from '@roadcert/shared';
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
  /** An operator's certificate the person sees as its staff: '广州顺达物流有限公司（查看人员）'. */
  operator: string | null;
  activation: ActivationState;
}

/**
 * `activatable`: an electronic certificate, valid, not yet activated — it gets a 激活 button.
 * `activated`: electronic and activated (已激活). `view-only`: would be activatable, but the
 * person is only a 查看人员 or 随车人员 of its operator. `none`: paper / IC card, or not valid.
 */
export type ActivationState = 'activatable' | 'activated' | 'view-only' | 'none';

type ActivationFacts = Pick<CertificateSummary, 'carrier' | 'status' | 'activated' | 'validUntil'> & {
  operatorRole?: CertificateSummary['operatorRole'];
};

/** Today as YYYY-MM-DD on the device, to compare with calendar dates as text. */
export function localIsoDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function activationState(
  certificate: ActivationFacts,
  today: string = localIsoDate(new Date()),
): ActivationState {
  if (certificate.carrier !== 'ELECTRONIC') return 'none';
  if (certificate.activated) return 'activated';
  if (certificate.status !== 'VALID') return 'none';
  if (certificate.validUntil !== null && certificate.validUntil < today) return 'none';
  // 查看人员 and 随车人员 (who may present the vehicle's certificate) cannot activate.
  return certificate.operatorRole === 'VIEWER' || certificate.operatorRole === 'DRIVER' ? 'view-only' : 'activatable';
}

function operatorLine(certificate: CertificateSummary): string | null {
  if (!certificate.operatorName) return null;
  return certificate.operatorRole
    ? `${certificate.operatorName} · ${certificateAccessRoleLabels[certificate.operatorRole]}`
    : certificate.operatorName;
}

export function toCertificateCardView(certificate: CertificateSummary, today?: string): CertificateCardView {
  return {
    id: certificate.id,
    title: certificate.typeName,
    numberMasked: certificate.numberMasked,
    carrierLabel: carriers[certificate.carrier].label,
    status: statusAppearance(certificate.status),
    validity: formatValidity(certificate.validUntil),
    issuingAuthority: certificate.issuingAuthority,
    plateNumber: certificate.plateNumber && certificate.plateNumber.trim() !== '' ? certificate.plateNumber : null,
    operator: operatorLine(certificate),
    activation: activationState(certificate, today),
  };
}

/** Valid certificates first (what a driver needs to present), then the rest; order kept within each. */
export function sortForDisplay(cards: CertificateCardView[]): CertificateCardView[] {
  const valid = cards.filter((card) => card.status.tone === 'valid');
  const other = cards.filter((card) => card.status.tone !== 'valid');
  return [...valid, ...other];
}
