import { Button as TaroButton } from '@tarojs/components';
import type * as Contract from './SendLinkButton';

/** WeChat sends what the page registered with useShareMessage when this button is tapped. */
export const SendLinkButton: typeof Contract.SendLinkButton = () => (
  <TaroButton className="share-result__send" openType="share">
    发送给微信好友
  </TaroButton>
);
