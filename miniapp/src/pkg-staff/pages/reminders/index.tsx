import { InvitationCard } from '../../../features/reminders/components/InvitationCard';
import { ReminderStatsView } from '../../../features/reminders/components/ReminderStatsView';
import { useConversionInvitation } from '../../../features/reminders/useConversionInvitation';
import { useInvitationRuns } from '../../../features/reminders/useInvitationRuns';
import { useReminderStats } from '../../../features/reminders/useReminderStats';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { usePullDownRefresh } from '../../../lib/page';

/** 消息提醒: what was sent, delivered and opened, by day, kind and channel; the one-off 换领邀请 and its runs. */
export default function StaffRemindersPage() {
  const stats = useReminderStats();
  const runs = useInvitationRuns(stats.stats.reload);
  const invitation = useConversionInvitation(() => void runs.runs.reload());
  usePullDownRefresh(stats.stats.reload);
  return (
    <StaffShell section="reminders">
      <ReminderStatsView model={stats} />
      <InvitationCard model={invitation} runs={runs} />
    </StaffShell>
  );
}
