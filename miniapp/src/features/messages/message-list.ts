import { reminderKindLabels, type MessageList, type MessageView } from '@roadcert/shared';
import { parseAppPath } from '../../lib/app-path';
import { formatDateTime } from '../../lib/format';

/**
 * 消息 as the page holds it: the pages read so far (newest first), where the next older page
 * starts, and the unread count. Pure: the hook (useMessages) keeps one of these in state.
 */
export interface MessagePages {
  items: MessageView[];
  nextCursor: string | null;
  unread: number;
}

export function firstPage(list: MessageList): MessagePages {
  return { items: dedupe(list.items), nextCursor: list.nextCursor, unread: list.unread };
}

function dedupe(items: MessageView[]): MessageView[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

/**
 * An older page below the ones shown. A message that arrived meanwhile pushes the server's pages
 * down by one, so the first item of the next page may be one already shown: it is not repeated.
 * The unread count is the server's latest word.
 */
export function appendPage(pages: MessagePages, older: MessageList): MessagePages {
  return { items: dedupe([...pages.items, ...older.items]), nextCursor: older.nextCursor, unread: older.unread };
}

/** One message read (tapped): its dot goes and the count drops, before the server confirms. */
export function markRead(pages: MessagePages, id: string, at: string): MessagePages {
  const target = pages.items.find((item) => item.id === id);
  if (!target || target.readAt !== null) return pages;
  return {
    ...pages,
    items: pages.items.map((item) => (item.id === id ? { ...item, readAt: at } : item)),
    unread: Math.max(0, pages.unread - 1),
  };
}

/** 全部已读. */
export function markAllRead(pages: MessagePages, at: string): MessagePages {
  return { ...pages, items: pages.items.map((item) => (item.readAt ? item : { ...item, readAt: at })), unread: 0 };
}

export interface MessageRow {
  id: string;
  kindLabel: string;
  title: string;
  body: string;
  when: string;
  unread: boolean;
  /** Whether tapping opens a page (查看 ›); messages for a page this build lacks open nothing. */
  opens: boolean;
  /** Read aloud by screen readers: the dot is not the only sign of "unread". */
  ariaLabel: string;
}

export function toMessageRow(message: MessageView, now: Date): MessageRow {
  const kindLabel = reminderKindLabels[message.kind];
  const unread = message.readAt === null;
  const when = formatDateTime(message.createdAt, now);
  return {
    id: message.id,
    kindLabel,
    title: message.title,
    body: message.body,
    when,
    unread,
    opens: parseAppPath(message.targetPath) !== null,
    ariaLabel: `${unread ? '未读，' : ''}${kindLabel}：${message.title}，${when}`,
  };
}
