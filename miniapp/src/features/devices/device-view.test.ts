import type { DeviceSession } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { sortDevices, toDeviceView } from './device-view';

function session(overrides: Partial<DeviceSession>): DeviceSession {
  return {
    id: 's',
    platform: 'h5',
    deviceLabel: null,
    createdAt: '2026-11-20T01:00:00Z',
    lastSeenAt: '2026-11-26T01:00:00Z',
    current: false,
    ...overrides,
  };
}

describe('devices', () => {
  it('puts this device first, then the most recently used', () => {
    const sorted = sortDevices([
      session({ id: 'old', lastSeenAt: '2026-11-01T00:00:00Z' }),
      session({ id: 'recent', lastSeenAt: '2026-11-26T09:00:00Z' }),
      session({ id: 'here', current: true, lastSeenAt: '2026-10-01T00:00:00Z' }),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['here', 'recent', 'old']);
  });

  it('names a device by its label, else by its platform in Chinese', () => {
    expect(toDeviceView(session({ deviceLabel: '微信小程序 · iPhone 13', platform: 'weapp' })).title).toBe(
      '微信小程序 · iPhone 13',
    );
    expect(toDeviceView(session({ platform: 'weapp' }))).toMatchObject({ title: '微信小程序', platform: '微信小程序' });
    expect(toDeviceView(session({ platform: 'h5', deviceLabel: '  ' })).title).toBe('网页版');
    expect(toDeviceView(session({ platform: 'alipay' })).title).toBe('其他');
  });
});
