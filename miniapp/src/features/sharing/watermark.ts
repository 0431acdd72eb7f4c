import { formatDateTime } from '../../lib/format';

/**
 * The words laid diagonally over a shared certificate, so a screenshot or printout still says what
 * it was shared for, with whom, and until when: a copy used for anything else shows it.
 */
export interface WatermarkFacts {
  /** '运输合同', or the person's own words for 其他. */
  purpose: string;
  recipientName?: string | null;
  expiresAt: string;
}

export function watermarkLines(facts: WatermarkFacts): string[] {
  const recipient = facts.recipientName?.trim();
  return [
    `仅供${facts.purpose}使用`,
    ...(recipient ? [`提供给 ${recipient}`] : []),
    `${formatDateTime(facts.expiresAt)}前有效`,
  ];
}

/** One line, for the list of my shares and for screen readers. */
export function watermarkText(facts: WatermarkFacts): string {
  return watermarkLines(facts).join(' · ');
}

/** How many times the watermark repeats down a card, so no part of the face is left clean. */
export function watermarkTiles(cardHeightPx: number, tileHeightPx = 190): number {
  return Math.max(2, Math.ceil(cardHeightPx / tileHeightPx));
}
