import {
  certificateStatuses,
  getCertificateType,
  type ApplicationKind,
  type CertificateSummary,
} from '@roadcert/shared';
import { formatDate } from '../../lib/format';
import { localIsoDate } from '../certificates/card-view';

/** A business the certificate page offers: what it is called on the button and one line on what it does. */
export interface ApplicationOffer {
  kind: ApplicationKind;
  label: string;
  hint: string;
  /** The one that matters most now (換領 for paper, 延续 when expired): a filled button. */
  primary: boolean;
}

export interface OfferSummary {
  offers: ApplicationOffer[];
  /** Why some or all businesses are not offered, in words; null when nothing needs saying. */
  note: string | null;
}

type OfferFacts = Pick<CertificateSummary, 'typeCode' | 'carrier' | 'status' | 'validUntil'> & {
  operatorRole?: CertificateSummary['operatorRole'];
};

const DAY_MS = 86_400_000;
/** 延续 is offered this many days before expiry when the type does not say (道路运输证 年审 etc.). */
const DEFAULT_RENEWAL_WINDOW_DAYS = 90;

const OFFER_TEXT: Record<ApplicationKind, { label: string; hint: string }> = {
  CONVERSION: { label: '换领电子证照', hint: '纸质证、IC卡证换领为电子证照，原证标记为“已换发”' },
  REISSUE: { label: '补发', hint: '证件遗失或损毁' },
  REPLACEMENT: { label: '换发', hint: '证件污损、破旧或需要换新' },
  CHANGE: { label: '变更', hint: '准驾车型等登记信息发生变化' },
  RENEWAL: { label: '延续', hint: '有效期届满前后申请延续有效期' },
  INITIAL: { label: '重新申领', hint: '原证不能延续，按初次申领办理' },
};

const offer = (kind: ApplicationKind, primary = false): ApplicationOffer => ({ kind, ...OFFER_TEXT[kind], primary });

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** What to offer once the validity has ended: 延续 within the lapse period, else (从业资格证) 重新申领 only. */
function afterExpiry(certificate: OfferFacts, today: string): OfferSummary {
  const type = getCertificateType(certificate.typeCode);
  const lapse = type?.category === 'RE' ? type.validity.lapseAfterDays : undefined;
  const validUntil = certificate.validUntil ?? today;
  const daysPast = daysBetween(validUntil, today);
  if (lapse !== undefined && daysPast > lapse) {
    return {
      offers: [offer('INITIAL', true)],
      note: `该证已于${formatDate(validUntil)}到期，超过${lapse}天未延续，按规定不能再延续，需要重新申领。`,
    };
  }
  const deadline =
    lapse !== undefined
      ? `请在${formatDate(addDays(validUntil, lapse))}前申请延续，逾期只能重新申领。`
      : '请及时申请延续。';
  return { offers: [offer('RENEWAL', true)], note: `该证已于${formatDate(validUntil)}到期。${deadline}` };
}

/**
 * Which businesses the certificate page offers. Only a guide for the buttons: the server decides
 * (APPLICATION_NOT_ALLOWED, RENEWAL_NOT_ALLOWED) and the start page shows its answer.
 */
export function applicationOffers(certificate: OfferFacts, today: string = localIsoDate(new Date())): OfferSummary {
  const type = getCertificateType(certificate.typeCode);
  if (!type) return { offers: [], note: null };
  if (certificate.operatorRole === 'VIEWER') return { offers: [], note: '您是该企业的查看人员，不能办理证照业务。' };
  if (certificate.operatorRole === 'DRIVER')
    return { offers: [], note: '您是该车辆的随车人员，只能亮证，不能办理证照业务。' };
  if (certificate.status === 'REPLACED') return { offers: [], note: '该证已换发，请在新证照上办理业务。' };
  if (certificate.status !== 'VALID' && certificate.status !== 'EXPIRED') {
    return { offers: [], note: `该证照${certificateStatuses[certificate.status].label}，不能办理业务。` };
  }
  const expired =
    certificate.status === 'EXPIRED' || (certificate.validUntil !== null && certificate.validUntil < today);
  if (expired) return afterExpiry(certificate, today);

  const offers: ApplicationOffer[] = [];
  if (certificate.carrier !== 'ELECTRONIC') offers.push(offer('CONVERSION', true));
  const window = type.validity.renewalWindowDays ?? DEFAULT_RENEWAL_WINDOW_DAYS;
  const nearExpiry = certificate.validUntil !== null && daysBetween(today, certificate.validUntil) <= window;
  if (nearExpiry) offers.push(offer('RENEWAL', certificate.carrier === 'ELECTRONIC'));
  // 补发 (证件遗失或损毁) only for a paper or IC card: an electronic certificate is never lost.
  if (certificate.carrier !== 'ELECTRONIC') offers.push(offer('REISSUE'));
  offers.push(offer('REPLACEMENT'), offer('CHANGE'));
  const note = certificate.carrier !== 'ELECTRONIC' ? '原证在有效期内继续有效；办理任何业务都将换发为电子证照。' : null;
  return { offers, note };
}
