import type { VerifiedCertificate, VerifyVerdict } from '../schemas';
import { getCertificateType } from '../registry';

/**
 * What a verifier is told, in one place for the three places that say it: the portal's verify
 * page and the mini-program scanner (miniapp/src/features/verify) and the server-rendered
 * verdict of `/v/<token>` (server/src/modules/presentation/verify-page.ts).
 *
 * A verdict: one big word, a symbol (never colour alone), the reason in plain Chinese and what
 * to do next. `warning`: nothing is wrong with the certificate itself, the QR just cannot be
 * judged now (expired, clock off) — the holder shows it again.
 */
export type VerdictTone = 'valid' | 'invalid' | 'warning';

/**
 * Colours per tone. Text on its background is ≥ 5.5:1 (WCAG AA for body text); the verdict and
 * status are always written out too, so colour is never the only signal.
 */
export const toneColours: Record<VerdictTone, { text: string; background: string; border: string }> = {
  valid: { text: '#146c2e', background: '#e7f4ea', border: '#9fd1ad' },
  invalid: { text: '#b3261e', background: '#fdecea', border: '#f1a9a4' },
  warning: { text: '#5c3c00', background: '#fff4ce', border: '#e0a800' },
};

export interface VerdictText {
  title: string;
  tone: VerdictTone;
  symbol: string;
  /** The service's (or the offline check's) reason, e.g. 证照已吊销. */
  reason: string;
  /** What the verifier does next. */
  advice: string;
}

const verdicts: Record<VerifyVerdict, Omit<VerdictText, 'reason'>> = {
  VALID: { title: '有效', tone: 'valid', symbol: '✓', advice: '签名核验通过，请核对证照信息与持证人本人是否一致' },
  NOT_VALID: { title: '无效', tone: 'invalid', symbol: '✕', advice: '该证照当前不能作为有效证照使用' },
  TOKEN_EXPIRED: { title: '二维码已过期', tone: 'warning', symbol: '!', advice: '请持证人刷新亮证页面后重新扫描' },
  NOT_YET_VALID: {
    title: '请检查手机时间',
    tone: 'warning',
    symbol: '!',
    advice: '二维码的时间晚于本机时间，请核对持证人和本机的手机时间后重新扫描',
  },
  UNKNOWN_KEY: {
    title: '未知签发密钥',
    tone: 'invalid',
    symbol: '✕',
    advice: '该二维码不是由本系统的有效密钥签发，不能证明证照真实',
  },
  INVALID: { title: '二维码无效', tone: 'invalid', symbol: '✕', advice: '二维码已损坏或被篡改，不能证明证照真实' },
};

const defaultReasons: Record<VerifyVerdict, string> = {
  VALID: '证照有效',
  NOT_VALID: '证照无效',
  TOKEN_EXPIRED: '二维码已过期',
  NOT_YET_VALID: '二维码尚未生效',
  UNKNOWN_KEY: '签发密钥未知',
  INVALID: '二维码格式或签名错误',
};

export function verdictText(verdict: VerifyVerdict, reason: string | null | undefined): VerdictText {
  const text = reason && reason.trim() !== '' ? reason : defaultReasons[verdict];
  return { ...verdicts[verdict], reason: text };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * '2027-05-01' (or an ISO timestamp) → '2027年05月01日'. Works on the text, not on Date, so a
 * calendar date never shifts with the device's time zone. Unrecognised input is returned as is.
 */
export function chineseDate(iso: string): string {
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${year}年${month}月${day}日`;
}

/** One line of the certificate as a verifier sees it. */
export interface FaceRow {
  label: string;
  value: string;
}

/** The validity end as its own row: 有效期至 | 2032年05月27日, or 有效期 | 长期有效 (not 有效期 | 有效期至 …). */
const validityRow = (validUntil: string | null): FaceRow =>
  validUntil === null ? { label: '有效期', value: '长期有效' } : { label: '有效期至', value: chineseDate(validUntil) };

/**
 * The certificate the service returned, scoped to the viewer: anonymous viewers get type, masked
 * name and number, status and validity end; staff get the rest. Only what is present is shown.
 */
export function verifiedFaceRows(certificate: VerifiedCertificate): FaceRow[] {
  const rows: FaceRow[] = [
    { label: '证照', value: certificate.typeName },
    { label: '持证人', value: certificate.holderName ?? certificate.holderNameMasked },
    { label: '证号', value: certificate.numberMasked },
    { label: '状态', value: certificate.statusLabel },
  ];
  if (certificate.plateNumber) rows.push({ label: '车牌', value: certificate.plateNumber });
  for (const detail of certificate.details ?? []) rows.push(detail);
  // ISO dates: the range fits one line on a 360-px phone.
  if (certificate.validFrom && certificate.validUntil)
    rows.push({ label: '有效期', value: `${certificate.validFrom} 至 ${certificate.validUntil}` });
  else rows.push(validityRow(certificate.validUntil));
  if (certificate.issuingAuthority) rows.push({ label: '发证机关', value: certificate.issuingAuthority });
  return rows;
}

/** What an offline check can show: the signed claims of the token (masked, minimal). */
export function claimFaceRows(claims: {
  typeCode: string;
  holderNameMasked: string;
  numberMasked: string;
  validUntil: string | null;
}): FaceRow[] {
  return [
    { label: '证照', value: getCertificateType(claims.typeCode)?.name ?? claims.typeCode },
    { label: '持证人', value: claims.holderNameMasked },
    { label: '证号', value: claims.numberMasked },
    validityRow(claims.validUntil),
  ];
}

/**
 * The notice's rule for whoever checks a certificate (交通运输部办公厅关于全面推广应用道路运输
 * 电子证照的通知, 2024-07-27, part 七 切实加强组织实施保障): quoted on the lookup page and on the verdict of every
 * check, so an inspector or a shipper reads it where they decide.
 */
export const noPenaltyRule = {
  quote:
    '要切实维护道路运输经营者和从业人员合法权益，规范执法行为，不得以无法出示电子证照为由认定为未取得道路运输经营许可进行行政处罚。',
  source: '《交通运输部办公厅关于全面推广应用道路运输电子证照的通知》（2024年7月27日）',
  /** What to do instead, in one line. */
  advice: '持证人无法出示电子证照时，可凭证号和姓名（名称）在“证照查询”核实。',
} as const;
