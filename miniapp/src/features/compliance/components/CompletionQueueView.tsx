import { Text, View } from '@tarojs/components';
import type { StaffCompletionTaskView } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { navigate } from '../../../lib/router';
import { FilterChips } from '../../staff/components/FilterChips';
import { typeOptions } from '../../staff/queue-filter';
import { pageCount } from '../rates';
import { completionQueueLabels, type CompletionQueue, type CompletionQueueState } from '../useCompletionQueue';
import './compliance.scss';

const QUEUES: CompletionQueue[] = ['supplements', 'staff'];

function TaskRow({ task }: { task: StaffCompletionTaskView }) {
  return (
    <View
      className="staff-row"
      role="button"
      aria-label={`${task.holderName} ${task.typeName} ${task.message} ${task.stateLabel}`}
      onClick={() => void navigate('staffCompletionReview', { id: task.id })}
    >
      <View className="staff-row__main">
        <Text className="staff-row__holder">{task.holderName}</Text>
        <Text className="staff-row__type">{`${task.typeName} · ${task.certificateNumber}`}</Text>
        <Text className="staff-row__kind">{task.message}</Text>
      </View>
      <View className="staff-row__side">
        <Text className="staff-muted">{task.stateLabel}</Text>
        <Text className="staff-row__age">{formatDateTime(task.submittedAt ?? task.createdAt, new Date())}</Text>
      </View>
      <Text className="staff-row__arrow" aria-hidden="true">
        ›
      </Text>
    </View>
  );
}

/** 补正审核: two tabs (持证人补充 / 运管待处理), a type filter, the tasks a page at a time. */
export function CompletionQueueView({ queue }: { queue: CompletionQueueState }) {
  const { state, reload } = queue.list;
  const pages = state.status === 'ready' ? pageCount(state.data.total, state.data.pageSize) : 1;
  return (
    <View>
      <View className="completion-queue-tabs" role="tablist">
        {QUEUES.map((key) => (
          <View
            key={key}
            className={
              key === queue.queue
                ? 'completion-queue-tabs__tab completion-queue-tabs__tab--on'
                : 'completion-queue-tabs__tab'
            }
            role="tab"
            aria-selected={key === queue.queue}
            onClick={() => queue.showQueue(key)}
          >
            {completionQueueLabels[key]}
          </View>
        ))}
      </View>
      <Card>
        <FilterChips label="证照类型" options={typeOptions} value={queue.typeCode} onChange={queue.filterType} />
      </Card>
      {state.status === 'loading' ? <LoadingCards /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <Card title={`${completionQueueLabels[queue.queue]}（${state.data.total}项）`}>
          <Text className="staff-muted">
            {queue.queue === 'supplements'
              ? '持证人提交的补充信息：核对后确认或退回'
              : '只能由运管部门或上游系统更正的问题'}
          </Text>
          {state.data.items.length === 0 ? (
            <EmptyState
              title="没有待处理的事项"
              hint={
                queue.queue === 'supplements'
                  ? '持证人提交的补充信息会出现在这里'
                  : '只能由运管部门更正的问题会出现在这里'
              }
            />
          ) : null}
          {state.data.items.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
          {pages > 1 ? (
            <View className="compliance-pager" role="navigation" aria-label="翻页">
              <Button size="small" disabled={queue.page <= 1} onClick={() => queue.setPage(queue.page - 1)}>
                上一页
              </Button>
              <Text className="compliance-pager__at">{`${queue.page} / ${pages}`}</Text>
              <Button size="small" disabled={queue.page >= pages} onClick={() => queue.setPage(queue.page + 1)}>
                下一页
              </Button>
            </View>
          ) : null}
        </Card>
      ) : null}
    </View>
  );
}
