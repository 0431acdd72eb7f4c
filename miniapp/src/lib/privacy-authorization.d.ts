/**
 * WeChat's own privacy authorisation (用户隐私保护指引): privacy-authorization.weapp.ts listens
 * for `onNeedPrivacyAuthorization` and lets the page's popup answer it; on H5 there is nothing.
 */
export declare function installPrivacyAuthorization(): void;
