import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { useRemote } from '../../hooks/useRemote';
import { logout } from '../session/api';
import { followErrorNavigation, goToSignIn } from '../session/error-navigation';
import { fetchDeviceSessions, revokeAllDeviceSessions, revokeDeviceSession } from './api';
import type { DeviceView } from './device-view';

/** 我的设备: the signed-in devices, and signing one, this one or all of them out. */
export function useDevices() {
  const sessions = useRemote(fetchDeviceSessions, (error) => followErrorNavigation(error));
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function run(id: string, action: () => Promise<void>): Promise<boolean> {
    setPendingId(id);
    setActionError(null);
    try {
      await action();
      return true;
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) setActionError(error.message);
      return false;
    } finally {
      setPendingId(null);
    }
  }

  async function signOutDevice(device: DeviceView): Promise<void> {
    if (device.current) return signOutHere(device.id);
    const sure = await confirm({
      title: '退出该设备',
      content: `确定让“${device.title}”退出登录吗？该设备需重新登录才能使用。`,
      confirmText: '退出',
      danger: true,
    });
    if (!sure) return;
    if (await run(device.id, () => revokeDeviceSession(device.id))) {
      toastSuccess('已退出该设备');
      await sessions.reload();
    }
  }

  async function signOutHere(pendingKey = 'here'): Promise<void> {
    const sure = await confirm({
      title: '退出登录',
      content: '确定退出本机的登录吗？',
      confirmText: '退出',
      danger: true,
    });
    if (!sure) return;
    // Even if the server cannot be told, this device forgets the session.
    await run(pendingKey, logout);
    goToSignIn({ returnHere: false });
  }

  async function signOutEverywhere(): Promise<void> {
    const sure = await confirm({
      title: '退出全部设备',
      content: '所有设备（包括本机）都将退出登录，需重新登录才能使用。确定吗？',
      confirmText: '全部退出',
      danger: true,
    });
    if (!sure) return;
    if (await run('all', revokeAllDeviceSessions)) goToSignIn({ returnHere: false });
  }

  return { sessions, pendingId, actionError, signOutDevice, signOutHere, signOutEverywhere };
}
