/**
 * WeChat subscription messages (订阅消息). Mini-program: `wx.requestSubscribeMessage`, which WeChat
 * only shows inside a tap (call it synchronously from the tap handler, before any await) and with
 * at most three template ids. Browser: there is nothing to ask. Per platform:
 * subscribe-message.weapp.ts, subscribe-message.h5.ts.
 */

/** True where subscription messages can be asked for (the mini-program). */
export declare function subscribeMessageSupported(): boolean;

/** The person's answer per template id ('accept' | 'reject' | 'ban' | 'filter'); rejects when WeChat refused the call. */
export declare function requestSubscribeMessage(templateIds: string[]): Promise<Record<string, string>>;
