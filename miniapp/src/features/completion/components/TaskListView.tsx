import { Text, View } from '@tarojs/components';
import type { CompletionTaskList, CompletionTaskView } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { formatDateTime } from '../../../lib/format';
import { navigate } from '../../../lib/router';
import { pendingNotice } from '../notice';
import { taskTone } from '../supply-form';
import './completion.scss';

function TaskRow({ task }: { task: CompletionTaskView }) {
  return (
    <View
      className="task-row"
      role="button"
      aria-label={`${task.typeName} ${task.fieldLabel ?? ''} ${task.stateLabel}`}
      onClick={() => void navigate('completionTask', { id: task.id })}
    >
      <View className="task-row__main">
        <Text className="task-row__title">{`${task.typeName} · ${task.certificateNumber}`}</Text>
        <Text className="task-row__message">{task.message}</Text>
        <Text className="task-row__meta">{formatDateTime(task.submittedAt ?? task.createdAt, new Date())}</Text>
      </View>
      <View className="task-row__side">
        <Text className={`task-state task-state--${taskTone(task.state)}`}>{task.stateLabel}</Text>
        <Text className="task-row__arrow" aria-hidden="true">
          ›
        </Text>
      </View>
    </View>
  );
}

/** 信息待补充: the tasks needing the holder first, then those waiting for staff, then the closed ones. */
export function TaskListView({ state, onRetry }: { state: RemoteState<CompletionTaskList>; onRetry: () => void }) {
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={onRetry} />;
  const { items, actionable } = state.data;
  const order = { todo: 0, returned: 0, waiting: 1, done: 2 } as const;
  const sorted = [...items].sort((a, b) => order[taskTone(a.state)] - order[taskTone(b.state)]);
  const open = sorted.filter((task) => taskTone(task.state) !== 'done');
  const closed = sorted.filter((task) => taskTone(task.state) === 'done');
  return (
    <View>
      <Card>
        <Text className="task-lead">{pendingNotice(actionable) ?? '暂无需要您补充的信息'}</Text>
        <Text className="task-note">
          证照数据缺失或有误时，请按提示补充并上传佐证材料，运管部门审核确认后即更新证照。
        </Text>
      </Card>
      {items.length === 0 ? <EmptyState title="没有待补充的信息" hint="您的证照信息完整" /> : null}
      {open.length > 0 ? (
        <Card title="待处理">
          {open.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
        </Card>
      ) : null}
      {closed.length > 0 ? (
        <Card title="已处理">
          {closed.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
        </Card>
      ) : null}
    </View>
  );
}
