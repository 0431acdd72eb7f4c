import type { TokenPair } from '@roadcert/shared';
import { relaunch, relaunchAppPath } from '../../lib/router';
import { ensureConsent } from '../consent/api';
import { hasAcceptedPrivacyPolicy } from '../consent/local-privacy';
import { takeReturnPage } from '../session/return-after-sign-in';
import { saveSignIn } from '../session/session';

/**
 * Keeps the session, then records on the account the privacy policy agreed to on this device
 * before there was an account (best effort: if it fails, the server asks again with
 * CONSENT_REQUIRED and the consent page records it).
 */
export async function startSession(pair: TokenPair): Promise<void> {
  saveSignIn(pair);
  if (hasAcceptedPrivacyPolicy()) await ensureConsent(pair.account, 'PRIVACY_POLICY').catch(() => undefined);
}

/**
 * Signed in: back to the page the sign-in started from (a link from an SMS, with its query), or
 * on to 我的证照 — either way with no way back to the sign-in page.
 */
export function enterApp(): Promise<unknown> {
  const returnTo = takeReturnPage();
  return returnTo ? relaunchAppPath(returnTo) : relaunch('home');
}
