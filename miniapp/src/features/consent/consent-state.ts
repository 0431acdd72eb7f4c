import { consentTexts, type ConsentKind } from '@roadcert/shared';

type Consents = ReadonlyArray<{ kind: ConsentKind; textVersion: string }>;

/** The version of the text a consent must have been given to: the current one, nothing older. */
export function currentConsentVersion(kind: ConsentKind): string {
  return consentTexts[kind].version;
}

/** True when `kind` was agreed to in its current version (a new text version asks again). */
export function hasCurrentConsent(consents: Consents, kind: ConsentKind): boolean {
  const version = currentConsentVersion(kind);
  return consents.some((consent) => consent.kind === kind && consent.textVersion === version);
}

/** The consents of `kinds` still to be asked for, in the order given. */
export function missingConsents(consents: Consents, kinds: readonly ConsentKind[]): ConsentKind[] {
  return kinds.filter((kind) => !hasCurrentConsent(consents, kind));
}

export type ConsentStatus = 'granted' | 'outdated' | 'none';

/** For the 隐私与授权 list: agreed, agreed to an older text, or never. */
export function consentStatus(consents: Consents, kind: ConsentKind): ConsentStatus {
  if (hasCurrentConsent(consents, kind)) return 'granted';
  return consents.some((consent) => consent.kind === kind) ? 'outdated' : 'none';
}
