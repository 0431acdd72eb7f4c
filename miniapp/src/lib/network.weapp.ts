import Taro from '@tarojs/taro';
import type * as Contract from './network';

export const watchNetwork: typeof Contract.watchNetwork = (onChange) => {
  let active = true;
  const listener = (result: { isConnected: boolean }) => {
    if (active) onChange(result.isConnected);
  };
  Taro.getNetworkType()
    .then((result) => {
      if (active) onChange(result.networkType !== 'none');
    })
    .catch(() => undefined);
  try {
    Taro.onNetworkStatusChange(listener);
  } catch {
    // No events on this platform: the first answer stands until a request fails.
  }
  return () => {
    active = false;
    try {
      Taro.offNetworkStatusChange(listener);
    } catch {
      // Nothing was registered.
    }
  };
};
