import { Text, View } from '@tarojs/components';
import { applicationKindLabels, type ApplicationSummary } from '@roadcert/shared';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { formatDateTime } from '../../../lib/format';
import { navigate } from '../../../lib/router';
import { listTarget } from '../status-view';
import { StateBadge } from './ApplicationStatusView';
import './applications.scss';

function Row({ item }: { item: ApplicationSummary }) {
  const open = () =>
    void (listTarget(item) === 'form'
      ? navigate('applyForm', { id: item.id })
      : navigate('application', { id: item.id }));
  return (
    <View
      className="apply-list-item"
      role="button"
      aria-label={`${item.typeName}${applicationKindLabels[item.kind]}，${item.stateLabel}`}
      onClick={open}
    >
      <Text className="apply-list-item__title">{item.typeName}</Text>
      <Text className="apply-list-item__kind">{applicationKindLabels[item.kind]}</Text>
      <StateBadge state={item.state} />
      <Text className="apply-list-item__meta">
        {item.submittedAt
          ? `提交于 ${formatDateTime(item.submittedAt)}`
          : `创建于 ${formatDateTime(item.createdAt)}（未提交）`}
      </Text>
    </View>
  );
}

/** 我的申请: newest first; a draft opens its form, anything else its status. */
export function ApplicationListView({
  state,
  onRetry,
}: {
  state: RemoteState<ApplicationSummary[]>;
  onRetry: () => void;
}) {
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={onRetry} />;
  if (state.data.length === 0)
    return <EmptyState title="暂无申请" hint="在“我的证照”中打开一张证照，即可办理换领电子证照、补发、延续等业务。" />;
  return (
    <View role="list">
      {state.data.map((item) => (
        <Row key={item.id} item={item} />
      ))}
    </View>
  );
}
