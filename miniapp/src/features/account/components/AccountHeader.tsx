import { Text, View } from '@tarojs/components';
import { holderKinds } from '@roadcert/shared';
import { navigate } from '../../../lib/router';
import { ElderModeToggle } from '../../elder-mode/ElderModeToggle';
import { MessagesEntry } from '../../messages/components/MessagesEntry';
import type { Account } from '../api';
import { greetingName } from '../account';
import './account-header.scss';

/** Who is signed in (masked), with the 长辈版 switch, 消息 (unread badge) and the way to 我的 beside it. */
export function AccountHeader({ account }: { account: Account | null }) {
  const name = account ? greetingName(account) : null;
  const kind = account?.holder ? holderKinds[account.holder.kind].label : account ? '未实名认证' : null;
  return (
    <View className="account-header">
      <View className="account-header__who">
        <Text className="account-header__greeting">{name ? `您好，${name}` : '您好'}</Text>
        {kind ? <Text className="account-header__kind">{kind}</Text> : null}
      </View>
      <View className="account-header__actions">
        <ElderModeToggle />
        <MessagesEntry />
        <View
          className="account-header__me"
          role="button"
          aria-label="我的：实名认证、设备、企业管理、退出登录"
          onClick={() => void navigate('me')}
        >
          我的
        </View>
      </View>
    </View>
  );
}
