import type * as Contract from './subscribe-message';

/** The portal is a web page: WeChat subscription messages are asked for in the mini-program only. */
export const subscribeMessageSupported: typeof Contract.subscribeMessageSupported = () => false;

export const requestSubscribeMessage: typeof Contract.requestSubscribeMessage = async () => ({});
