import type { MessageList, MessageView } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { appendPage, firstPage, markAllRead, markRead, toMessageRow } from './message-list';

const message = (n: number, over: Partial<MessageView> = {}): MessageView => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind: 'EXPIRY',
  title: '从业资格证30天后到期',
  body: '您的从业资格证将于2027年01月02日到期，请及时办理延续。',
  targetPath: 'pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=c1',
  createdAt: `2026-12-0${n}T01:00:00.000Z`,
  readAt: null,
  ...over,
});
const list = (items: MessageView[], nextCursor: string | null, unread: number): MessageList => ({
  items,
  nextCursor,
  unread,
});

describe('message pages', () => {
  it('appends an older page without repeating a message already shown', () => {
    const pages = firstPage(list([message(3), message(2)], 'c2', 3));
    const more = appendPage(pages, list([message(2), message(1)], null, 3));
    expect(more.items.map((item) => item.createdAt.slice(0, 10))).toEqual(['2026-12-03', '2026-12-02', '2026-12-01']);
    expect(more.nextCursor).toBeNull();
  });

  it('marks one read once, and all read', () => {
    const pages = firstPage(list([message(3), message(2, { readAt: '2026-12-02T02:00:00Z' }), message(1)], null, 2));
    const one = markRead(pages, message(3).id, '2026-12-03T05:00:00Z');
    expect(one.unread).toBe(1);
    expect(one.items[0]?.readAt).toBe('2026-12-03T05:00:00Z');
    expect(markRead(one, message(3).id, 'later')).toBe(one);
    expect(markRead(one, message(2).id, 'later')).toBe(one);
    const all = markAllRead(one, '2026-12-03T06:00:00Z');
    expect(all.unread).toBe(0);
    expect(all.items.every((item) => item.readAt !== null)).toBe(true);
    expect(all.items[1]?.readAt).toBe('2026-12-02T02:00:00Z');
  });
});

describe('toMessageRow', () => {
  it('labels the kind, dates it and says whether it opens a page', () => {
    const row = toMessageRow(message(3), new Date('2027-01-01T00:00:00Z'));
    expect(row).toMatchObject({ kindLabel: '证照即将到期', unread: true, opens: true });
    expect(row.when).toMatch(/^2026年12月03日 \d{2}:00$/);
    expect(row.ariaLabel).toMatch(/^未读，证照即将到期：从业资格证30天后到期/);
  });

  it('opens nothing without a target or for a page this build does not have', () => {
    expect(toMessageRow(message(1, { targetPath: null }), new Date()).opens).toBe(false);
    expect(toMessageRow(message(1, { targetPath: 'pkg-future/pages/x/index' }), new Date()).opens).toBe(false);
    expect(toMessageRow(message(1, { readAt: '2026-12-01T02:00:00Z' }), new Date()).unread).toBe(false);
  });
});
