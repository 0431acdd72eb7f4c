import type { MessageView } from '@roadcert/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../lib/api-error';
import { openAppPath } from '../../lib/router';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchMessages, markAllMessagesRead, markMessageRead } from './api';
import { appendPage, firstPage, markAllRead, markRead, type MessagePages } from './message-list';

export type MessagesState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; pages: MessagePages };

/** A read mark that did not reach the server only means the dot comes back next time: logged, not shown. */
function logQuietly(what: string, cause: unknown): void {
  const error = toApiError(cause);
  console.warn(`[messages] ${what} failed: ${error.code}`);
}

/**
 * Taps a message: marks it read (at once on screen, then on the server, never waiting for it)
 * and opens the page it is about. Returns false when there is no page to open.
 */
export function openMessage(message: MessageView): boolean {
  if (message.readAt === null) void markMessageRead(message.id).catch((cause) => logQuietly('mark read', cause));
  return openAppPath(message.targetPath);
}

/** 消息: the first page on open and on pull-down, older pages on demand, read marks, 全部已读. */
export function useMessages() {
  const [state, setState] = useState<MessagesState>({ status: 'loading' });
  const [more, setMore] = useState<'idle' | 'loading' | 'error'>('idle');
  const [markingAll, setMarkingAll] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const list = await fetchMessages();
      if (call !== latest.current) return;
      setState({ status: 'ready', pages: firstPage(list) });
      setMore('idle');
    } catch (cause) {
      if (call !== latest.current) return;
      const error = toApiError(cause);
      if (followErrorNavigation(error)) return;
      setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ready' || !current.pages.nextCursor || more === 'loading') return;
    const call = latest.current;
    setMore('loading');
    try {
      const older = await fetchMessages(current.pages.nextCursor);
      if (call !== latest.current) return; // a refresh started meanwhile: its first page wins
      setState((previous) =>
        previous.status === 'ready' ? { status: 'ready', pages: appendPage(previous.pages, older) } : previous,
      );
      setMore('idle');
    } catch (cause) {
      if (!followErrorNavigation(toApiError(cause))) setMore('error');
      else setMore('idle');
    }
  }, [more]);

  function open(message: MessageView): boolean {
    const at = new Date().toISOString();
    setState((previous) =>
      previous.status === 'ready' ? { status: 'ready', pages: markRead(previous.pages, message.id, at) } : previous,
    );
    return openMessage(message);
  }

  async function readAll(): Promise<void> {
    if (markingAll) return;
    setMarkingAll(true);
    setNotice(null);
    try {
      await markAllMessagesRead();
      const at = new Date().toISOString();
      setState((previous) =>
        previous.status === 'ready' ? { status: 'ready', pages: markAllRead(previous.pages, at) } : previous,
      );
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) setNotice(`未能全部标为已读：${error.message}`);
    } finally {
      setMarkingAll(false);
    }
  }

  return { state, more, markingAll, notice, reload, loadMore, open, readAll };
}

export type Messages = ReturnType<typeof useMessages>;
