/**
 * WeChat's privacy authorisation popup, rendered by every page (PageShell): shown while WeChat
 * holds a privacy API pending (PrivacyAuthorizationPopup.weapp.tsx); nothing on H5.
 */
export declare function PrivacyAuthorizationPopup(): JSX.Element | null;
