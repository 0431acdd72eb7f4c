import { Text, View } from '@tarojs/components';
import { Button, Skeleton } from './nutui';
import './state-views.scss';

/** Placeholder cards while data loads, announced for screen readers. */
export function LoadingCards({ count = 2 }: { count?: number }) {
  return (
    <View className="state-loading" aria-busy="true" aria-label="正在加载">
      {Array.from({ length: count }, (_, index) => (
        <View key={index} className="state-loading__card">
          <Skeleton rows={4} size="small" animated visible={false} />
        </View>
      ))}
      <Text className="state-loading__text">正在加载…</Text>
    </View>
  );
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <View className="state-empty">
      <Text className="state-empty__title">{title}</Text>
      {hint ? <Text className="state-empty__hint">{hint}</Text> : null}
    </View>
  );
}

/** An error in words (the server's Chinese message) with a way to try again. */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="state-error" role="alert">
      <Text className="state-error__message">{message}</Text>
      <Button className="state-error__retry" type="primary" size="large" onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}
