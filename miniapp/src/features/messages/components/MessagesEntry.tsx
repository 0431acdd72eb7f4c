import { Text, View } from '@tarojs/components';
import { navigate } from '../../../lib/router';
import { badgeText } from '../unread';
import { useUnreadCount } from '../useUnreadCount';
import './messages-entry.scss';

/** 消息 on the wallet's header, with the unread count as a red badge. */
export function MessagesEntry() {
  const badge = badgeText(useUnreadCount());
  return (
    <View
      className="messages-entry"
      role="button"
      aria-label={badge ? `消息，${badge} 条未读` : '消息'}
      onClick={() => void navigate('messages')}
    >
      消息
      {badge ? (
        <Text className="messages-entry__badge" aria-hidden="true">
          {badge}
        </Text>
      ) : null}
    </View>
  );
}
