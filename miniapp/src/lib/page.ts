import Taro, { usePullDownRefresh as useTaroPullDownRefresh } from '@tarojs/taro';

/**
 * Pull-down refresh for pages whose config sets `enablePullDownRefresh: true`: runs `refresh`
 * and folds the spinner away when it settles, whatever the outcome.
 */
export function usePullDownRefresh(refresh: () => Promise<unknown>): void {
  useTaroPullDownRefresh(() => {
    refresh()
      .catch(() => undefined)
      .finally(() => {
        Taro.stopPullDownRefresh();
      });
  });
}
