import { toneColours, verdictText, type VerdictText, type VerifyVerdict } from '@roadcert/shared';

export type { VerdictTone } from '@roadcert/shared';

/** A verdict as the verifier sees it (shared/src/verify/view.ts), with the colours of its tone. */
export interface VerdictView extends VerdictText {
  colours: { text: string; background: string; border: string };
}

export function toVerdictView(verdict: VerifyVerdict, reason: string | null | undefined): VerdictView {
  const text = verdictText(verdict, reason);
  return { ...text, colours: toneColours[text.tone] };
}
