import type * as Contract from './device';
import { clampLabel, type DeviceInput } from './device-types';

function systemName(userAgent: string): string {
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'iPhone';
  if (/HarmonyOS|OpenHarmony/.test(userAgent)) return '鸿蒙';
  if (/Android/.test(userAgent)) return 'Android';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(userAgent)) return 'Mac';
  if (/Linux/.test(userAgent)) return 'Linux';
  return '其他设备';
}

function browserName(userAgent: string): string {
  if (/MicroMessenger/.test(userAgent)) return '微信';
  if (/Edg\//.test(userAgent)) return 'Edge';
  if (/Chrome\//.test(userAgent)) return 'Chrome';
  if (/Safari\//.test(userAgent)) return 'Safari';
  if (/Firefox\//.test(userAgent)) return 'Firefox';
  return '浏览器';
}

export const currentDevice: typeof Contract.currentDevice = (): DeviceInput => {
  const userAgent = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return { platform: 'h5', label: clampLabel(`网页版 · ${systemName(userAgent)} · ${browserName(userAgent)}`) };
};
