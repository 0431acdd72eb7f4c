import { Text, View } from '@tarojs/components';
import type { CompletionTaskList } from '@roadcert/shared';
import { navigate } from '../../../lib/router';
import { pendingNotice } from '../notice';
import './completion-notice.scss';

/**
 * 有 N 项信息待补充: a banner that opens the task list (of one certificate when given). With
 * `reasons`, the exact reason of each open task is listed under it (the certificate page).
 * Nothing at all when no task waits for the holder. Lives in the main package (wallet): keep small.
 */
export function CompletionNotice({
  tasks,
  certificateId,
  reasons,
}: {
  tasks: CompletionTaskList | null;
  certificateId?: string;
  reasons?: boolean;
}) {
  const text = tasks ? pendingNotice(tasks.actionable) : null;
  if (!tasks || !text) return null;
  const open = () => void navigate('completionTasks', certificateId ? { certificateId } : undefined);
  return (
    <View className="completion-notice" role="button" aria-label={`${text}，去补充`} onClick={open}>
      <View className="completion-notice__head">
        <Text className="completion-notice__text">{`⚠ ${text}`}</Text>
        <Text className="completion-notice__go">去补充 ›</Text>
      </View>
      {reasons
        ? tasks.items
            .filter((task) => task.canSupply)
            .map((task) => (
              <Text key={task.id} className="completion-notice__reason">
                {`· ${task.message}`}
              </Text>
            ))
        : null}
    </View>
  );
}
