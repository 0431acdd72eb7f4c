import { PageShell } from '../../../components/PageShell';
import { TaskView } from '../../../features/completion/components/TaskView';
import { useCompletionTask } from '../../../features/completion/useCompletionTask';
import { usePullDownRefresh } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

/** 补充信息: one task (`?id=`), its supply form or where it stands. */
export default function CompletionTaskPage() {
  const { id } = useRouteParams();
  const form = useCompletionTask(id);
  usePullDownRefresh(form.reload);
  return (
    <PageShell>
      <TaskView form={form} />
    </PageShell>
  );
}
