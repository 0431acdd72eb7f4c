import { PageShell } from '../../../components/PageShell';
import { MessageListView } from '../../../features/messages/components/MessageListView';
import { useMessages } from '../../../features/messages/useMessages';
import { usePullDownRefresh, useReachBottom, useReloadOnReturn } from '../../../lib/page';

/** 消息: reminders in the app (到期、年审、办理进度…), newest first. */
export default function MessagesPage() {
  const messages = useMessages();
  usePullDownRefresh(messages.reload);
  useReloadOnReturn(messages.reload);
  useReachBottom(() => void messages.loadMore());
  return (
    <PageShell>
      <MessageListView messages={messages} />
    </PageShell>
  );
}
