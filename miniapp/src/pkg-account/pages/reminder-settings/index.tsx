import { PageShell } from '../../../components/PageShell';
import { ReminderSettingsView } from '../../../features/messages/components/ReminderSettingsView';
import { useReminderPreferences } from '../../../features/messages/useReminderPreferences';
import { usePullDownRefresh } from '../../../lib/page';

/** 消息提醒: 短信提醒 / 微信服务通知 switches, 消息中心 always on, what 退订 means. */
export default function ReminderSettingsPage() {
  const model = useReminderPreferences();
  usePullDownRefresh(model.reload);
  return (
    <PageShell>
      <ReminderSettingsView model={model} />
    </PageShell>
  );
}
