import { unreadCountSchema } from '@roadcert/shared';
import { getJson } from '../../lib/request';

/** The wallet's badge: how many messages are unread. The only call of this feature in the main package. */
export async function fetchUnreadCount(): Promise<number> {
  const { unread } = await getJson('/api/v1/me/messages/unread', unreadCountSchema);
  return unread;
}

/** What the badge says: nothing for 0, the number up to 99, then 99+. */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null;
  return unread > 99 ? '99+' : String(Math.floor(unread));
}
