import { postJson } from '../../lib/request';

/** Ends this device's session on the server (its refresh token stops working). */
export async function logout(): Promise<void> {
  await postJson('/api/v1/auth/logout', {});
}
