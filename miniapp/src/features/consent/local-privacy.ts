import { getStored, setStored } from '../../lib/storage';
import { currentConsentVersion } from './consent-state';

/**
 * First run: the privacy policy is agreed to on the device before any account exists; the
 * version is remembered here and recorded on the account right after sign-in.
 */
export function hasAcceptedPrivacyPolicy(): boolean {
  return getStored('privacyPolicyVersion') === currentConsentVersion('PRIVACY_POLICY');
}

export function acceptPrivacyPolicy(): void {
  setStored('privacyPolicyVersion', currentConsentVersion('PRIVACY_POLICY'));
}
