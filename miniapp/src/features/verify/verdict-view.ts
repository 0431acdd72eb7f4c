import { verdictText, type VerdictText, type VerifyVerdict } from '@roadcert/shared';
import { statusColours } from '../../lib/format';

export type { VerdictTone } from '@roadcert/shared';

/** A verdict as the verifier sees it (shared/src/verify/view.ts), with the colours of its tone. */
export interface VerdictView extends VerdictText {
  colours: { text: string; background: string; border: string };
}

const warningColours = { text: '#5c3c00', background: '#fff4ce', border: '#e0a800' };

export function toVerdictView(verdict: VerifyVerdict, reason: string | null | undefined): VerdictView {
  const text = verdictText(verdict, reason);
  const colours = text.tone === 'warning' ? warningColours : statusColours[text.tone];
  return { ...text, colours };
}
