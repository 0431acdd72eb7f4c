import { Text, View } from '@tarojs/components';
import { FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { toMessageRow, type MessageRow } from '../message-list';
import type { Messages } from '../useMessages';
import './messages.scss';

function Row({ row, onOpen }: { row: MessageRow; onOpen: () => void }) {
  return (
    <View
      className={row.unread ? 'message-row message-row--unread' : 'message-row'}
      role="button"
      aria-label={row.ariaLabel}
      onClick={onOpen}
    >
      <View className="message-row__head">
        {row.unread ? <View className="message-row__dot" aria-hidden="true" /> : null}
        <Text className="message-row__kind">{row.kindLabel}</Text>
        <Text className="message-row__when">{row.when}</Text>
      </View>
      <Text className="message-row__title">{row.title}</Text>
      <Text className="message-row__body">{row.body}</Text>
      {row.opens ? <Text className="message-row__open">去办理 ›</Text> : null}
    </View>
  );
}

/** 消息: reminders newest first, unread ones marked; tap one to go where it leads. */
export function MessageListView({ messages }: { messages: Messages }) {
  const { state, more } = messages;
  if (state.status === 'loading') return <LoadingCards count={3} />;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void messages.reload()} />;
  const { items, unread, nextCursor } = state.pages;
  const now = new Date();
  return (
    <View>
      <View className="messages-bar">
        <Text className="messages-bar__count">{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        {unread > 0 ? (
          <Button size="normal" fill="outline" loading={messages.markingAll} onClick={() => void messages.readAll()}>
            全部已读
          </Button>
        ) : null}
      </View>
      <FormError message={messages.notice} />
      {items.length === 0 ? (
        <EmptyState title="暂无消息" hint="证照到期、年审、办理进度等提醒会显示在这里。" />
      ) : (
        <View role="list">
          {items.map((message) => (
            <Row key={message.id} row={toMessageRow(message, now)} onOpen={() => messages.open(message)} />
          ))}
        </View>
      )}
      {nextCursor ? (
        <View className="messages-more">
          {more === 'error' ? <Text className="messages-more__error">加载失败，请检查网络后重试</Text> : null}
          <Button size="large" block loading={more === 'loading'} onClick={() => void messages.loadMore()}>
            {more === 'error' ? '重试' : '加载更早的消息'}
          </Button>
        </View>
      ) : items.length > 0 ? (
        <Text className="messages-end">没有更早的消息了</Text>
      ) : null}
    </View>
  );
}
