import type { LookupResult } from '@roadcert/shared';
import type { ApiError } from '../../lib/api-error';
import { formatDate, formatValidity, statusAppearance, statusColours, type StatusAppearance } from '../../lib/format';

/** What the result card shows: status and validity, never more. */
export interface LookupResultView {
  headline: string;
  status: StatusAppearance | null;
  /** '有效期至 2032年05月27日' or '长期有效'. */
  validity: string | null;
  /** '2026年05月28日起'. */
  validFrom: string | null;
  /** The server's sentence. */
  message: string;
  /** Set for a paper or IC card certificate replaced by an electronic one. */
  replacedNote: string | null;
}

/** The number belonged to a paper / IC card certificate; the status shown is that of the electronic one that replaced it. */
export const replacedExplanation =
  '这个证号原来的纸质证（或IC卡证）已换发为电子证照，纸质证、IC卡证不再使用。上方显示的是换发后电子证照的状态和有效期；持证人可出示电子证照的亮证二维码核验。';

export function toLookupResultView(result: LookupResult): LookupResultView {
  if (!result.found || result.status === null) {
    return {
      headline: '未查到匹配的证照',
      status: null,
      validity: null,
      validFrom: null,
      message: result.message,
      replacedNote: null,
    };
  }
  const status = statusAppearance(result.status);
  // `valid` already includes the date check: a VALID certificate past its end date is shown as not valid.
  const shown: StatusAppearance =
    result.valid || status.tone === 'invalid'
      ? status
      : { ...status, tone: 'invalid', symbol: '✕', colours: statusColours.invalid };
  return {
    headline: result.typeName,
    status: shown,
    validity: formatValidity(result.validUntil),
    validFrom: result.validFrom ? `${formatDate(result.validFrom)}起` : null,
    message: result.message,
    replacedNote: result.replacedByElectronic ? replacedExplanation : null,
  };
}

/** Rate limit in minutes when the server says how long; the server's message otherwise. */
export function lookupErrorMessage(error: ApiError): string {
  if (error.code !== 'RATE_LIMITED') return error.message;
  const seconds = error.retryAfterSeconds;
  if (!seconds) return '查询次数过多，请稍后再试。';
  const wait = seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`;
  return `查询次数过多，为保护持证人信息，请${wait}后再试。`;
}
