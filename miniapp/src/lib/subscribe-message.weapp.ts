import Taro from '@tarojs/taro';
import type * as Contract from './subscribe-message';

export const subscribeMessageSupported: typeof Contract.subscribeMessageSupported = () =>
  typeof Taro.requestSubscribeMessage === 'function';

export const requestSubscribeMessage: typeof Contract.requestSubscribeMessage = async (templateIds) => {
  const result = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Parameters<
    typeof Taro.requestSubscribeMessage
  >[0])) as unknown as Record<string, unknown>;
  const answers: Record<string, string> = {};
  for (const id of templateIds) {
    const answer = result[id];
    if (typeof answer === 'string') answers[id] = answer;
  }
  return answers;
};
