import Taro from '@tarojs/taro';
import type * as Contract from './scan';

export const canScanQrCode: typeof Contract.canScanQrCode = true;

export const scanQrCode: typeof Contract.scanQrCode = async () => {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result.result;
  } catch (error) {
    // Closing the scanner is not a failure.
    if (/cancel/i.test(String((error as { errMsg?: string }).errMsg ?? error))) return null;
    throw error;
  }
};
