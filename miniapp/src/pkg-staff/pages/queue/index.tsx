import { QueueView } from '../../../features/staff/components/QueueView';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { useStaffQueue } from '../../../features/staff/useStaffQueue';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';

/** 审核队列: reloads when the reviewer comes back from a decision. */
export default function StaffQueuePage() {
  const queue = useStaffQueue();
  usePullDownRefresh(queue.queue.reload);
  useReloadOnReturn(queue.queue.reload);
  return (
    <StaffShell section="queue">
      <QueueView queue={queue} />
    </StaffShell>
  );
}
