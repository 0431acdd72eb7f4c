import { Text, View } from '@tarojs/components';
import { ErrorState } from '../../../components/StateViews';
import { runView } from '../invitation';
import type { InvitationRunsModel } from '../useInvitationRuns';
import './reminders.scss';

/** 发送记录: each run's state, a progress bar and its figures until DONE (updated every 2 s while running). */
export function InvitationRuns({ model }: { model: InvitationRunsModel }) {
  const { state } = model.runs;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void model.runs.reload()} />;
  if (state.status !== 'ready' || state.data.items.length === 0) return null;
  return (
    <View className="invitation-runs" aria-live="polite">
      <Text className="invitation-preview__label">发送记录</Text>
      {state.data.items.map((run) => {
        const view = runView(run);
        return (
          <View key={view.id} className={`invitation-run invitation-run--${run.state.toLowerCase()}`}>
            <View className="invitation-run__head">
              <Text className="invitation-run__title">{view.title}</Text>
              <Text className="invitation-run__state">{view.state}</Text>
            </View>
            <View
              className="invitation-run__bar"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={view.percent}
            >
              <View className="invitation-run__fill" style={{ width: `${view.percent}%` }} />
            </View>
            <Text className="invitation-run__line">{view.progress}</Text>
            <Text className="invitation-run__line">{view.figures}</Text>
            <Text className="staff-muted">{view.when}</Text>
          </View>
        );
      })}
    </View>
  );
}
