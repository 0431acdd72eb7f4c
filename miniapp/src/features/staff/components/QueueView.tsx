import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { navigate } from '../../../lib/router';
import type { StaffQueueItem } from '../api';
import { activeFilterCount, ageLabel, ageOptions, kindOptions, stateOptions, typeOptions } from '../queue-filter';
import type { useStaffQueue } from '../useStaffQueue';
import { FilterChips } from './FilterChips';

function QueueRow({ item }: { item: StaffQueueItem }) {
  return (
    <View
      className="staff-row"
      role="button"
      aria-label={`${item.holderName} ${item.typeName} ${item.kindLabel} ${ageLabel(item.ageDays)}`}
      onClick={() => void navigate('staffReview', { id: item.id })}
    >
      <View className="staff-row__main">
        <Text className="staff-row__holder">{item.holderName}</Text>
        <Text className="staff-row__type">{item.typeName}</Text>
        <Text className="staff-row__kind">{item.kindLabel}</Text>
      </View>
      <View className="staff-row__side">
        <Text className={`staff-state staff-state--${item.state.toLowerCase()}`}>{item.stateLabel}</Text>
        <Text className={item.ageDays >= 7 ? 'staff-row__age staff-row__age--old' : 'staff-row__age'}>
          {ageLabel(item.ageDays)}
        </Text>
      </View>
      <Text className="staff-row__arrow" aria-hidden="true">
        ›
      </Text>
    </View>
  );
}

/** 审核队列: filters on top, then the applications, the longest-waiting first. */
export function QueueView({ queue }: { queue: ReturnType<typeof useStaffQueue> }) {
  const { filter, update, clear } = queue;
  const { state, reload } = queue.queue;
  const count = activeFilterCount(filter);
  return (
    <View>
      <Card
        title="筛选"
        extra={
          count > 0 ? (
            <View className="staff-link" role="button" onClick={clear}>
              清除筛选
            </View>
          ) : null
        }
      >
        <FilterChips
          label="证照类型"
          options={typeOptions}
          value={filter.typeCode}
          onChange={(value) => update('typeCode', value)}
        />
        <FilterChips
          label="业务类型"
          options={kindOptions}
          value={filter.kind}
          onChange={(value) => update('kind', value)}
        />
        <FilterChips
          label="办理状态"
          options={stateOptions}
          value={filter.state}
          onChange={(value) => update('state', value)}
        />
        <FilterChips
          label="等待时长"
          options={ageOptions}
          value={filter.minAgeDays}
          onChange={(value) => update('minAgeDays', value)}
        />
      </Card>
      {state.status === 'loading' ? <LoadingCards /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <Card title={`申请（${state.data.length}件）`} extra={<Text className="staff-muted">等待最久的在前</Text>}>
          {state.data.length === 0 ? (
            <EmptyState title="没有符合条件的申请" hint={count > 0 ? '可清除筛选后再看' : '新提交的申请会出现在这里'} />
          ) : null}
          {state.data.map((item) => (
            <QueueRow key={item.id} item={item} />
          ))}
        </Card>
      ) : null}
    </View>
  );
}
