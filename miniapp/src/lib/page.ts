import Taro, { useDidShow, usePullDownRefresh as useTaroPullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

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

/**
 * Reloads when the page comes back into view (e.g. after activating a certificate on the page
 * above it), but not on the first show, which the initial load already covers.
 */
export function useReloadOnReturn(reload: () => Promise<unknown>): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    void reload().catch(() => undefined);
  });
}

/** The page's show/hide lifecycle (Taro's hooks), for features that pause work while hidden. */
export { useDidHide, useDidShow } from '@tarojs/taro';

/** Scrolled to the end of the page: lists load their next (older) page. */
export { useReachBottom } from '@tarojs/taro';
