import { useShareAppMessage } from '@tarojs/taro';
import type * as Contract from './share-message';

export const shareMessageSupport: typeof Contract.shareMessageSupport = () => 'wechat-button';

/** The page's config must set `enableShareAppMessage: true`. */
export const useShareMessage: typeof Contract.useShareMessage = (message) => {
  useShareAppMessage(() => (message ? { title: message.title, path: message.path } : {}));
};

export const openShareSheet: typeof Contract.openShareSheet = async () => false;
