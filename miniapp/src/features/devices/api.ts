import { deviceSessionListSchema, type DeviceSession } from '@roadcert/shared';
import { deleteJson, getJson, postJson } from '../../lib/request';

export async function fetchDeviceSessions(): Promise<DeviceSession[]> {
  const list = await getJson('/api/v1/me/sessions', deviceSessionListSchema);
  return list.items;
}

/** Signs one device out (its refresh token stops working at once). */
export async function revokeDeviceSession(id: string): Promise<void> {
  await deleteJson(`/api/v1/me/sessions/${encodeURIComponent(id)}`);
}

/** Signs every device out, this one included. */
export async function revokeAllDeviceSessions(): Promise<void> {
  await postJson('/api/v1/me/sessions/revoke-all', {});
}
