import { Image, Text, Textarea, View } from '@tarojs/components';
import { complianceFixerLabels, type StaffCompletionTaskView } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { decisionsFor } from '../decision';
import type { CompletionReview } from '../useCompletionReview';
import './compliance.scss';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="staff-fact">
      <Text className="staff-fact__label">{label}</Text>
      <Text className="staff-fact__value">{value}</Text>
    </View>
  );
}

function TaskCard({ task }: { task: StaffCompletionTaskView }) {
  return (
    <Card>
      <View className="staff-detail__head">
        <Text className="staff-detail__holder">{task.holderName}</Text>
        <Text className="staff-muted">{task.stateLabel}</Text>
      </View>
      <View className="completion-reason" role="note">
        <Text>{task.message}</Text>
      </View>
      <Fact label="证照" value={task.typeName} />
      <Fact label="证号" value={task.certificateNumber} />
      <Fact label="规则" value={`${task.ruleId}（${task.severity === 'blocking' ? '阻断' : '提示'}）`} />
      <Fact label="补正人" value={complianceFixerLabels[task.fixableBy]} />
      <Fact label="行政区划" value={task.areaCode} />
      {task.submittedAt ? <Fact label="提交时间" value={formatDateTime(task.submittedAt)} /> : null}
      {task.returnReason ? <Fact label="退回/豁免原因" value={task.returnReason} /> : null}
    </Card>
  );
}

function DiffCard({ task }: { task: StaffCompletionTaskView }) {
  if (!task.diff) return null;
  return (
    <Card title={`补充内容：${task.diff.label}`}>
      <View className="completion-diff">
        <View className="completion-diff__side completion-diff__side--before">
          <Text className="completion-diff__label">原登记</Text>
          <Text>{task.diff.before ?? '（空）'}</Text>
        </View>
        <View className="completion-diff__side completion-diff__side--after">
          <Text className="completion-diff__label">补充为</Text>
          <Text>{task.diff.after ?? '（空）'}</Text>
        </View>
      </View>
    </Card>
  );
}

function EvidenceCard({ task }: { task: StaffCompletionTaskView }) {
  if (!task.evidenceUrl) {
    if (task.input.evidence === 'none') return null;
    return (
      <Card title="佐证材料">
        <Text className="staff-muted">未上传佐证材料。</Text>
      </Card>
    );
  }
  return (
    <Card title="佐证材料">
      <Image
        className="completion-evidence"
        src={task.evidenceUrl}
        mode="aspectFit"
        ariaLabel="持证人上传的佐证材料照片"
      />
      {task.input.evidenceHint ? <Text className="staff-muted">{`要求：${task.input.evidenceHint}`}</Text> : null}
    </Card>
  );
}

function Decisions({ review, task }: { review: CompletionReview; task: StaffCompletionTaskView }) {
  const decisions = decisionsFor(task);
  if (decisions.length === 0) return null;
  return (
    <Card title="审核操作">
      {review.panel === null ? <FormError message={review.error} /> : null}
      <View className="staff-actions">
        {decisions.includes('accept') ? (
          <Button
            type="primary"
            size="large"
            loading={review.pending === 'accept'}
            onClick={() => void review.accept()}
          >
            确认
          </Button>
        ) : null}
        {decisions.includes('return') ? (
          <Button type="default" size="large" onClick={() => review.openPanel('return')}>
            退回
          </Button>
        ) : null}
        {decisions.includes('waive') ? (
          <Button type="default" fill="outline" size="large" onClick={() => review.openPanel('waive')}>
            豁免
          </Button>
        ) : null}
      </View>
    </Card>
  );
}

function ReasonPanel({ review }: { review: CompletionReview }) {
  if (review.panel === null) return null;
  const returning = review.panel === 'return';
  return (
    <Card title={returning ? '退回' : '豁免'}>
      <Text className="staff-muted">
        {returning
          ? '写明退回原因，持证人将看到原因并重新补充。'
          : '写明豁免理由（例如历史数据无法补齐的依据）。豁免后该事项关闭。'}
      </Text>
      <Textarea
        className={review.reasonError ? 'staff-textarea staff-textarea--error' : 'staff-textarea'}
        value={review.reason}
        placeholder={returning ? '退回原因' : '豁免理由'}
        maxlength={300}
        autoHeight
        onInput={(event) => review.setReason(event.detail.value)}
      />
      {review.reasonError ? (
        <View className="rc-field__error" role="alert">
          {review.reasonError}
        </View>
      ) : null}
      <FormError message={review.error} />
      <Button
        type={returning ? 'primary' : 'danger'}
        size="large"
        block
        loading={review.pending === review.panel}
        onClick={() => void review.decideWithReason()}
      >
        {returning ? '确认退回' : '确认豁免'}
      </Button>
    </Card>
  );
}

/** 补正审核详情: certificate, holder (masked), the rule's message, before/after, the evidence, the decisions. */
export function CompletionReviewView({ review }: { review: CompletionReview }) {
  const { task, remote } = review;
  if (!task) {
    if (remote.state.status === 'error')
      return <ErrorState message={remote.state.error.message} onRetry={() => void review.reload()} />;
    return <LoadingCards count={3} />;
  }
  return (
    <View className="staff-detail">
      <TaskCard task={task} />
      <View className="staff-detail__columns">
        <View className="staff-detail__column">
          <DiffCard task={task} />
          <EvidenceCard task={task} />
        </View>
        <View className="staff-detail__column">
          {review.notice ? (
            <View className="staff-notice" role="alert">
              <Text>{review.notice}</Text>
            </View>
          ) : null}
          <Decisions review={review} task={task} />
          <ReasonPanel review={review} />
        </View>
      </View>
    </View>
  );
}
