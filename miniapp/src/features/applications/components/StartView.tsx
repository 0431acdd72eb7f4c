import { Text, View } from '@tarojs/components';
import { applicationKindLabels, carriers, getCertificateType, type CertificateDetail } from '@roadcert/shared';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState } from '../../../components/StateViews';
import { navigate, redirect } from '../../../lib/router';
import type { useStartApplication } from '../useStartApplication';
import { RequirementsView } from './RequirementsView';
import './applications.scss';

type Start = ReturnType<typeof useStartApplication>;

function CertificateLine({ certificate }: { certificate: CertificateDetail }) {
  return (
    <Text className="apply-subtitle">{`${carriers[certificate.carrier].label} · 证号 ${certificate.numberMasked}`}</Text>
  );
}

/** What the server said no to, and the way on: 重新申领 after a lapse, the open application otherwise. */
function Refusal({ start, certificateId }: { start: Start; certificateId: string | undefined }) {
  const { refusal, requirements } = start;
  if (!refusal) return null;
  return (
    <View className="apply-actions">
      <FormError message={refusal.message} />
      {refusal.code === 'RENEWAL_NOT_ALLOWED' ? (
        <Button
          type="primary"
          size="large"
          block
          onClick={() =>
            void redirect('apply', {
              typeCode: requirements.typeCode,
              kind: 'INITIAL',
              ...(certificateId ? { certificateId } : {}),
            })
          }
        >
          改为重新申领
        </Button>
      ) : null}
      {refusal.code === 'APPLICATION_NOT_ALLOWED' ? (
        <Button size="large" block onClick={() => void navigate('applications')}>
          查看我的申请
        </Button>
      ) : null}
    </View>
  );
}

/** 一次性告知 page: the whole list first, then 开始办理 (which creates the draft). */
export function StartView({ start, certificateId }: { start: Start; certificateId: string | undefined }) {
  const { requirements, certificate } = start;
  const type = getCertificateType(requirements.typeCode);
  return (
    <View>
      <Card>
        <Text className="apply-title">{`${type?.shortName ?? requirements.typeCode} · ${applicationKindLabels[requirements.kind]}`}</Text>
        {certificate.state.status === 'ready' && certificate.state.data ? (
          <CertificateLine certificate={certificate.state.data} />
        ) : null}
        <Text className="apply-lead">办理前请一次看完以下要求。已有的信息会自动带出，无需重复填写。</Text>
      </Card>
      {certificate.state.status === 'error' ? (
        <ErrorState message={certificate.state.error.message} onRetry={() => void certificate.reload()} />
      ) : null}
      <Card title="一次性告知">
        <RequirementsView requirements={requirements} />
      </Card>
      <Refusal start={start} certificateId={certificateId} />
      {start.refusal ? null : (
        <View className="apply-actions">
          <Button
            type="primary"
            size="large"
            block
            loading={start.starting}
            disabled={certificate.state.status === 'error'}
            onClick={() => void start.start()}
          >
            开始办理
          </Button>
          <Text className="apply-actions__hint">填写内容会自动保存，可以在其他设备上继续。</Text>
        </View>
      )}
    </View>
  );
}
