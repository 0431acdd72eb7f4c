import { certificateStatuses, chineseDate, toneColours, type CertificateStatus } from '@roadcert/shared';

/** '2027-05-01' (or an ISO timestamp) → '2027年05月01日', on the text (shared/src/verify/view.ts). */
export const formatDate = chineseDate;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * An instant (ISO timestamp) in the device's time zone: '2026年11月27日 08:05'. Unlike
 * `formatDate`, this is a moment (a sign-in, an activation), so local time is what people expect.
 */
export function formatDateTime(iso: string, now?: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const date = `${at.getFullYear()}年${pad(at.getMonth() + 1)}月${pad(at.getDate())}日`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  if (now && at.toDateString() === now.toDateString()) return `今天 ${time}`;
  return `${date} ${time}`;
}

/**
 * Validity line of a certificate. No end date means it does not expire: '长期有效' rather than a
 * bare '长期', because the line stands on its own next to the status badge.
 */
export function formatValidity(validUntil: string | null): string {
  if (validUntil === null) return '长期有效';
  return `有效期至 ${formatDate(validUntil)}`;
}

export type StatusTone = 'valid' | 'invalid';

/** Badge colours per tone (shared/src/verify/view.ts: contrast ≥ 5.5:1, never colour alone). */
export const statusColours: Record<StatusTone, (typeof toneColours)[StatusTone]> = {
  valid: toneColours.valid,
  invalid: toneColours.invalid,
};

export interface StatusAppearance {
  label: string;
  tone: StatusTone;
  /** A glyph beside the label, for people who cannot tell the colours apart. */
  symbol: string;
  colours: (typeof statusColours)[StatusTone];
}

export function statusAppearance(status: CertificateStatus): StatusAppearance {
  const { label, valid } = certificateStatuses[status];
  const tone: StatusTone = valid ? 'valid' : 'invalid';
  return { label, tone, symbol: valid ? '✓' : '✕', colours: statusColours[tone] };
}
