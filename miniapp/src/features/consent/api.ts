import type { ConsentKind } from '@roadcert/shared';
import { deleteJson, postJson } from '../../lib/request';
import type { Account } from '../account/api';
import { currentConsentVersion, hasCurrentConsent } from './consent-state';

/** Records the person's consent to the current text of `kind` (time and version on the server). */
export async function grantConsent(kind: ConsentKind): Promise<void> {
  await postJson('/api/v1/me/consents', { kind, textVersion: currentConsentVersion(kind) });
}

export async function withdrawConsent(kind: ConsentKind): Promise<void> {
  await deleteJson(`/api/v1/me/consents/${encodeURIComponent(kind)}`);
}

/** Grants `kind` unless the account already holds it in the current version. */
export async function ensureConsent(account: Pick<Account, 'consents'>, kind: ConsentKind): Promise<void> {
  if (hasCurrentConsent(account.consents, kind)) return;
  await grantConsent(kind);
}
