import type { DeviceSession } from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';

const PLATFORM_LABELS: Record<string, string> = {
  weapp: '微信小程序',
  h5: '网页版',
};

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? '其他';
}

export interface DeviceView {
  id: string;
  title: string;
  platform: string;
  signedInAt: string;
  lastSeen: string;
  current: boolean;
}

export function toDeviceView(session: DeviceSession, now?: Date): DeviceView {
  const label = session.deviceLabel?.trim();
  return {
    id: session.id,
    title: label || platformLabel(session.platform),
    platform: platformLabel(session.platform),
    signedInAt: formatDateTime(session.createdAt, now),
    lastSeen: formatDateTime(session.lastSeenAt, now),
    current: session.current,
  };
}

/** This device first, then the most recently used. */
export function sortDevices(sessions: readonly DeviceSession[]): DeviceSession[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return b.lastSeenAt.localeCompare(a.lastSeenAt);
  });
}
