import { PageShell } from '../../../components/PageShell';
import { TaskListView } from '../../../features/completion/components/TaskListView';
import { useCompletionTasks } from '../../../features/completion/useCompletionTasks';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

/** 信息待补充: all the holder's tasks, or one certificate's (`?certificateId=`). */
export default function CompletionTasksPage() {
  const { certificateId } = useRouteParams();
  const { state, reload } = useCompletionTasks(certificateId);
  usePullDownRefresh(reload);
  useReloadOnReturn(reload);
  return (
    <PageShell>
      <TaskListView state={state} onRetry={() => void reload()} />
    </PageShell>
  );
}
