import { useRef, useState } from 'react';
import { useDidShow } from '../../lib/page';
import { hasSession } from '../session/session';
import { fetchUnreadCount } from './unread';

/**
 * The wallet's unread count: one request each time the wallet shows (first open, back from 消息),
 * never a polling loop. A failure leaves the last count (the badge is a hint, not the page).
 */
export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  const latest = useRef(0);
  useDidShow(() => {
    if (!hasSession()) return;
    const call = ++latest.current;
    fetchUnreadCount()
      .then((count) => {
        if (call === latest.current) setUnread(count);
      })
      .catch(() => undefined);
  });
  return unread;
}
