import type * as Contract from './PrivacyAuthorizationPopup';

/** Browsers have no WeChat privacy authorisation. */
export const PrivacyAuthorizationPopup: typeof Contract.PrivacyAuthorizationPopup = () => null;
