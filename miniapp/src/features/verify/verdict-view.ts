import type { VerifyVerdict } from '@roadcert/shared';
import { statusColours } from '../../lib/format';

/**
 * A verdict as the verifier sees it: one big word, a symbol (never colour alone), the reason in
 * plain Chinese and what to do next. `warning`: nothing is wrong with the certificate itself, the
 * QR just cannot be judged now (expired, clock off) — the holder shows it again.
 */
export type VerdictTone = 'valid' | 'invalid' | 'warning';

export interface VerdictView {
  title: string;
  tone: VerdictTone;
  symbol: string;
  /** The service's (or the offline check's) reason, e.g. 证照已吊销. */
  reason: string;
  /** What the verifier does next. */
  advice: string;
  colours: { text: string; background: string; border: string };
}

const warningColours = { text: '#5c3c00', background: '#fff4ce', border: '#e0a800' };

const verdicts: Record<VerifyVerdict, Omit<VerdictView, 'reason' | 'colours'>> = {
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

export function toVerdictView(verdict: VerifyVerdict, reason: string | null | undefined): VerdictView {
  const base = verdicts[verdict];
  const colours = base.tone === 'warning' ? warningColours : statusColours[base.tone];
  const text = reason && reason.trim() !== '' ? reason : defaultReasons[verdict];
  return { ...base, reason: text, colours };
}
