import type { ShareMessage } from '../../../lib/share-message';

/**
 * 发送给微信好友 (mini-program: WeChat's share button) or 分享 (browser: the system share sheet,
 * only where the browser has one). Per platform: SendLinkButton.weapp.tsx, SendLinkButton.h5.tsx.
 */
export declare function SendLinkButton(props: { message: ShareMessage }): JSX.Element | null;
