import { CompletionQueueView } from '../../../features/compliance/components/CompletionQueueView';
import { useCompletionQueue } from '../../../features/compliance/useCompletionQueue';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';

/** 补正审核: holders' supplements and the staff queue; reloads when the reviewer comes back from a task. */
export default function StaffCompletionQueuePage() {
  const queue = useCompletionQueue();
  usePullDownRefresh(queue.list.reload);
  useReloadOnReturn(queue.list.reload);
  return (
    <StaffShell section="completion">
      <CompletionQueueView queue={queue} />
    </StaffShell>
  );
}
