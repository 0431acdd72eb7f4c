import { Image, Text, View } from '@tarojs/components';
import { complianceFixerLabels, type CompletionTaskView } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { formText, taskTone } from '../supply-form';
import type { CompletionTaskForm } from '../useCompletionTask';
import { TaskValueInput } from './TaskValueInput';
import './completion.scss';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="task-fact">
      <Text className="task-fact__label">{label}</Text>
      <Text className="task-fact__value">{value}</Text>
    </View>
  );
}

function Summary({ task }: { task: CompletionTaskView }) {
  const current = formText(task.input.currentValue);
  return (
    <Card
      title="需要补充的信息"
      extra={<Text className={`task-state task-state--${taskTone(task.state)}`}>{task.stateLabel}</Text>}
    >
      <View className="task-reason" role="note">
        <Text>{task.message}</Text>
      </View>
      <Row label="证照" value={`${task.typeName} · ${task.certificateNumber}`} />
      {task.fieldLabel ? <Row label="项目" value={task.fieldLabel} /> : null}
      {task.input.fieldKey !== null ? <Row label="当前登记" value={current === '' ? '未登记' : current} /> : null}
      {task.fixableBy !== 'holder' ? <Row label="补充人" value={complianceFixerLabels[task.fixableBy]} /> : null}
    </Card>
  );
}

/** Where the task stands once it is out of the holder's hands. */
function Outcome({ task }: { task: CompletionTaskView }) {
  if (task.state === 'SUBMITTED')
    return (
      <Card title="已提交，待审核">
        <Text className="task-note">{`提交时间：${task.submittedAt ? formatDateTime(task.submittedAt) : '—'}`}</Text>
        {task.suppliedValue !== null ? <Row label="您补充的" value={formText(task.suppliedValue)} /> : null}
        <Text className="task-note">运管部门审核确认后，证照信息即更新，您会在本页看到结果。</Text>
      </Card>
    );
  if (task.state === 'CONFIRMED' || task.state === 'RESOLVED' || task.state === 'WAIVED')
    return (
      <Card title={task.stateLabel}>
        <View className="task-done" role="status">
          <Text>
            {task.state === 'WAIVED'
              ? `运管部门已豁免此项${task.returnReason ? `：${task.returnReason}` : ''}。`
              : '✓ 已确认，证照信息已更新。'}
          </Text>
        </View>
        {task.resolvedAt ? <Text className="task-note">{formatDateTime(task.resolvedAt)}</Text> : null}
      </Card>
    );
  if (!task.canSupply)
    return (
      <Card>
        <Text className="task-note">此项由运管部门处理，无需您操作。</Text>
      </Card>
    );
  return null;
}

function EvidenceCard({ form, task }: { form: CompletionTaskForm; task: CompletionTaskView }) {
  const portrait = task.input.fieldKey === null;
  const title = portrait
    ? '证件照'
    : task.input.evidence === 'required'
      ? '佐证材料照片（必须上传）'
      : '佐证材料照片（选填）';
  const uploading = form.busy === 'uploading';
  return (
    <Card title={title}>
      {task.input.evidenceHint ? <Text className="task-note">{task.input.evidenceHint}</Text> : null}
      {form.photo ? (
        <View className="task-photo">
          <Image className="task-photo__image" src={form.photo.src} mode="aspectFit" ariaLabel="已上传的照片" />
          <Text className="task-photo__state">✓ 已上传</Text>
        </View>
      ) : null}
      <View className="task-photo__actions">
        {portrait ? (
          <Button type={form.photo ? 'default' : 'primary'} size="large" block onClick={form.takePortrait}>
            {form.photo ? '重新拍摄' : '拍摄或上传证件照'}
          </Button>
        ) : (
          <>
            <Button
              type={form.photo ? 'default' : 'primary'}
              size="large"
              block
              loading={uploading}
              disabled={form.busy === 'submitting'}
              onClick={() => void form.choosePhoto('camera')}
            >
              {form.photo ? '重新拍照' : '拍照'}
            </Button>
            <Button size="large" block disabled={form.busy !== null} onClick={() => void form.choosePhoto('album')}>
              从相册选择
            </Button>
          </>
        )}
      </View>
      {uploading ? <Text className="task-note">正在上传…</Text> : null}
      {form.errors.evidence ? (
        <View className="rc-field__error" role="alert">
          {form.errors.evidence}
        </View>
      ) : null}
    </Card>
  );
}

function SupplyForm({ form, task }: { form: CompletionTaskForm; task: CompletionTaskView }) {
  return (
    <>
      {task.state === 'REJECTED' ? (
        <View className="task-returned" role="alert">
          <Text className="task-returned__title">已退回，请修改后重新提交</Text>
          {task.returnReason ? <Text className="task-returned__reason">{`退回原因：${task.returnReason}`}</Text> : null}
        </View>
      ) : null}
      {form.field ? (
        <Card title="补充信息">
          <TaskValueInput field={form.field} value={form.value} error={form.errors.value} onChange={form.setValue} />
        </Card>
      ) : null}
      {task.input.evidence !== 'none' ? <EvidenceCard form={form} task={task} /> : null}
      <View className="task-actions">
        <FormError message={form.errors.form} />
        <Button
          type="primary"
          size="large"
          block
          loading={form.busy === 'submitting'}
          disabled={form.busy === 'uploading'}
          onClick={() => void form.submit()}
        >
          {task.state === 'REJECTED' ? '重新提交' : '提交'}
        </Button>
        <Text className="task-note">提交后由运管部门核对，确认后更新证照。</Text>
      </View>
    </>
  );
}

/** One task: the reason, the current value, the prefilled input and photo, or where it stands. */
export function TaskView({ form }: { form: CompletionTaskForm }) {
  const { task, remote } = form;
  if (!task) {
    if (remote.state.status === 'error')
      return <ErrorState message={remote.state.error.message} onRetry={() => void form.reload()} />;
    return <LoadingCards count={2} />;
  }
  return (
    <View>
      <Summary task={task} />
      {task.canSupply ? <SupplyForm form={form} task={task} /> : <Outcome task={task} />}
    </View>
  );
}
