import { Text, View } from '@tarojs/components';
import type { CertificateSummary } from '@roadcert/shared';
import { errorCodes } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { back, redirect } from '../../../lib/router';
import type { Account } from '../../account/api';
import { toCertificateCardView } from '../../certificates/card-view';
import { ActivatedTag } from '../../certificates/components/CertificateCard';
import { FaceStep } from '../../identity/components/FaceStep';
import { IdentityStatus } from '../../identity/components/IdentityStatus';
import { RealNameStep } from '../../identity/components/RealNameStep';
import { STEP_LABELS, type FlowGoal } from '../flow';
import type { useIdentityFlow } from '../useIdentityFlow';
import { ActivateStep } from './ActivateStep';
import { FlowProgress } from './FlowProgress';
import { PrivacyStep } from './PrivacyStep';
import './activation.scss';

type Flow = ReturnType<typeof useIdentityFlow>;

/** The certificate being activated, in one line, so every step says what it is for. */
function CertificateLine({ certificate }: { certificate: CertificateSummary }) {
  const card = toCertificateCardView(certificate);
  return (
    <View className="activation__certificate">
      <Text className="activation__certificate-title">{card.title}</Text>
      <Text className="activation__certificate-number">
        {card.plateNumber ? `${card.plateNumber} · ${card.numberMasked}` : card.numberMasked}
      </Text>
    </View>
  );
}

function ActivatedResult({ certificate }: { certificate: CertificateSummary }) {
  return (
    <View className="activation__result" role="status">
      <Text className="activation__result-mark">✓</Text>
      <Text className="activation__result-title">激活成功</Text>
      <Text className="activation__result-text">{`${certificate.typeName}已激活，可以出示使用。`}</Text>
      <ActivatedTag />
      <View className="rc-actions activation__result-actions">
        <Button type="primary" size="large" block onClick={() => void back()}>
          返回证照
        </Button>
        <Button size="large" block onClick={() => void redirect('certificate', { id: certificate.id })}>
          查看详情与记录
        </Button>
      </View>
    </View>
  );
}

function IdentityDone({ account }: { account: Account }) {
  return (
    <View>
      <IdentityStatus account={account} />
      <View className="rc-actions">
        <Button type="primary" size="large" block onClick={() => void back()}>
          完成
        </Button>
      </View>
    </View>
  );
}

function StepContent({ flow, goal, account }: { flow: Flow; goal: FlowGoal; account: Account }) {
  const done = () => void flow.stepDone();
  switch (flow.step) {
    case 'privacy':
      return <PrivacyStep onDone={done} onError={flow.stepError} />;
    case 'real-name':
      return <RealNameStep account={account} onBound={done} onError={flow.stepError} />;
    case 'face':
      return <FaceStep account={account} onVerified={done} onError={flow.stepError} />;
    case 'activate':
      return flow.certificate ? (
        <ActivateStep certificate={flow.certificate} onActivated={flow.certificateActivated} onError={flow.stepError} />
      ) : null;
    default:
      return goal.activate && flow.certificate ? (
        <ActivatedResult certificate={flow.certificate} />
      ) : (
        <IdentityDone account={account} />
      );
  }
}

/** The whole flow on one page: what it is for, where it stands, and the current step. */
export function IdentityFlowView({ flow, goal }: { flow: Flow; goal: FlowGoal }) {
  if (flow.loadError) return <ErrorState message={flow.loadError.message} onRetry={flow.retry} />;
  if (flow.step === null || flow.account === null) return <LoadingCards count={1} />;
  if (flow.notActivatable) {
    return (
      <View>
        {flow.certificate ? <CertificateLine certificate={flow.certificate} /> : null}
        <Card title="无法激活">
          <Text className="activation__lead">{`${errorCodes.NOT_ACTIVATABLE.message}。只有有效期内、尚未激活的电子证照可以激活；纸质证和IC卡证无需激活；企业的查看人员不能激活企业证照。`}</Text>
          <Button size="large" block onClick={() => void back()}>
            返回
          </Button>
        </Card>
      </View>
    );
  }
  const title = flow.step === 'done' ? (goal.activate ? '激活完成' : '实名认证') : STEP_LABELS[flow.step];
  return (
    <View>
      {goal.activate && flow.certificate ? <CertificateLine certificate={flow.certificate} /> : null}
      <FlowProgress goal={goal} step={flow.step} />
      <Card title={title}>
        {flow.notice ? <FormError message={flow.notice} /> : null}
        {flow.advancing ? <LoadingCards count={1} /> : <StepContent flow={flow} goal={goal} account={flow.account} />}
      </Card>
    </View>
  );
}
