import { Text, View } from '@tarojs/components';
import { holderKinds, type DemoHolder } from '@roadcert/shared';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import type { ApiError } from '../../../lib/api-error';
import type { Remote } from '../../../hooks/useRemote';
import './demo-sign-in.scss';

interface DemoSignInViewProps {
  holders: Remote<DemoHolder[]>;
  pendingKey: string | null;
  signInError: ApiError | null;
  onSignIn: (key: string) => void;
}

function DemoHolderCard({ holder, pending, disabled, onSignIn }: {
  holder: DemoHolder;
  pending: boolean;
  disabled: boolean;
  onSignIn: () => void;
}) {
  return (
    <View className="demo-holder">
      <View className="demo-holder__head">
        <Text className="demo-holder__name">{holder.nameMasked}</Text>
        <Text className="demo-holder__kind">{holderKinds[holder.kind].label}</Text>
      </View>
      <Text className="demo-holder__description">{holder.description}</Text>
      <Button type="primary" size="large" block loading={pending} disabled={disabled} onClick={onSignIn}>
        以此身份进入
      </Button>
    </View>
  );
}

/** DEMO sign-in: an explanation, then the seeded holders to act as. */
export function DemoSignInView({ holders, pendingKey, signInError, onSignIn }: DemoSignInViewProps) {
  const { state, reload } = holders;
  return (
    <View className="demo-sign-in">
      <View className="demo-sign-in__intro">
        <Text className="demo-sign-in__title">演示登录</Text>
        <Text className="demo-sign-in__explain">
          实名认证功能正在开发中。当前为演示环境，请选择下面任一演示身份进入，查看其证照。演示数据均为虚构，仅供演示。
        </Text>
      </View>
      {signInError ? (
        <View className="demo-sign-in__error" role="alert">
          <Text>{signInError.message}</Text>
        </View>
      ) : null}
      {state.status === 'loading' ? <LoadingCards /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? <EmptyState title="暂无可用的演示身份" /> : null}
      {state.status === 'ready'
        ? state.data.map((holder) => (
            <DemoHolderCard
              key={holder.key}
              holder={holder}
              pending={pendingKey === holder.key}
              disabled={pendingKey !== null}
              onSignIn={() => onSignIn(holder.key)}
            />
          ))
        : null}
    </View>
  );
}
