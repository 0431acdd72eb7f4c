import type * as Contract from './privacy-authorization';

/** Browsers have no WeChat privacy authorisation. */
export const installPrivacyAuthorization: typeof Contract.installPrivacyAuthorization = () => undefined;
