import Taro from '@tarojs/taro';
import type * as Contract from './device';
import { clampLabel, type DeviceInput } from './device-types';

export const currentDevice: typeof Contract.currentDevice = (): DeviceInput => {
  try {
    const { brand, model, system } = Taro.getDeviceInfo();
    const phone = [brand, model].filter(Boolean).join(' ') || system;
    return { platform: 'weapp', label: clampLabel(`微信小程序 · ${phone}`) };
  } catch {
    return { platform: 'weapp', label: '微信小程序' };
  }
};
