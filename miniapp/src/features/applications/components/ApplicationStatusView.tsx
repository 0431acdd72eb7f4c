import { Text, View } from '@tarojs/components';
import { applicationKindLabels, getCertificateType, type ApplicationDetail } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { formatDateTime } from '../../../lib/format';
import { navigate } from '../../../lib/router';
import { summariseCompliance } from '../compliance-view';
import { formFieldsFor } from '../form-state';
import { canEdit, returnedFields, stateView, timelineViews } from '../status-view';
import { ComplianceCard } from './ComplianceCard';
import { RequirementsView } from './RequirementsView';
import './applications.scss';

export function StateBadge({ state }: { state: ApplicationDetail['state'] }) {
  const view = stateView(state);
  return (
    <Text className={`apply-state apply-state--${view.tone}`} aria-label={`申请状态：${view.label}`}>
      {view.label}
    </Text>
  );
}

function Returned({ detail }: { detail: ApplicationDetail }) {
  const fields = returnedFields(detail);
  return (
    <Card title="需要修改的内容">
      {fields.map((field) => (
        <View key={field.key} className="apply-returned" role="listitem">
          <Text className="apply-returned__label">{field.label}</Text>
          {field.value ? <Text className="apply-returned__value">{`当前填写：${field.value}`}</Text> : null}
          <Text className="apply-returned__reason">{`退回原因：${field.reason}`}</Text>
        </View>
      ))}
    </Card>
  );
}

function Timeline({ detail }: { detail: ApplicationDetail }) {
  const entries = timelineViews(detail.timeline, new Date(), { typeCode: detail.typeCode, kind: detail.kind });
  return (
    <Card title="办理进度">
      <View className="apply-timeline" role="list">
        {entries.map((entry) => (
          <View key={entry.key} className="apply-timeline__item" role="listitem">
            <View className="apply-timeline__dot" />
            <View className="apply-timeline__body">
              <Text className="apply-timeline__label">{entry.label}</Text>
              <Text className="apply-timeline__meta">{`${entry.when} · ${entry.actor}`}</Text>
              {entry.note ? <Text className="apply-timeline__note">{entry.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </Card>
  );
}

function Actions({ detail }: { detail: ApplicationDetail }) {
  if (detail.state === 'ISSUED' && detail.issuedCertificateId) {
    const certificateId = detail.issuedCertificateId;
    return (
      <View className="apply-actions">
        <Button type="primary" size="large" block onClick={() => void navigate('certificate', { id: certificateId })}>
          查看新的电子证照
        </Button>
      </View>
    );
  }
  if (!canEdit(detail.state)) return null;
  return (
    <View className="apply-actions">
      <Button type="primary" size="large" block onClick={() => void navigate('applyForm', { id: detail.id })}>
        {detail.state === 'RETURNED' ? '修改后重新提交' : '继续填写'}
      </Button>
    </View>
  );
}

function Status({ detail }: { detail: ApplicationDetail }) {
  const view = stateView(detail.state);
  return (
    <View>
      <Card>
        <Text className="apply-title">{`${getCertificateType(detail.typeCode)?.shortName ?? detail.typeName} · ${applicationKindLabels[detail.kind]}`}</Text>
        <StateBadge state={detail.state} />
        <Text className="apply-subtitle">{view.line}</Text>
        {detail.submittedAt ? (
          <Text className="apply-lead">{`提交时间：${formatDateTime(detail.submittedAt)}`}</Text>
        ) : null}
      </Card>
      {detail.state === 'RETURNED' && detail.returnReasons ? <Returned detail={detail} /> : null}
      {detail.state === 'REJECTED' ? (
        <Card title="不予许可的原因">
          <Text className="apply-returned__reason">{detail.rejectReason ?? '未说明原因，请咨询发证机关。'}</Text>
        </Card>
      ) : null}
      {canEdit(detail.state) ? (
        <ComplianceCard
          summary={summariseCompliance(detail.compliance, formFieldsFor(detail.typeCode, detail.kind))}
          refused={[]}
        />
      ) : null}
      <Actions detail={detail} />
      <Timeline detail={detail} />
      <Card title="办理要求（一次性告知）">
        <RequirementsView requirements={detail.requirements} />
      </Card>
    </View>
  );
}

/** 申请详情: state, what to do next, timeline, and the notice it was made under. */
export function ApplicationStatusView({
  state,
  onRetry,
}: {
  state: RemoteState<ApplicationDetail>;
  onRetry: () => void;
}) {
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={onRetry} />;
  return <Status detail={state.data} />;
}
