import { Text, View } from '@tarojs/components';
import { getCertificateType, type CertificateDetail } from '@roadcert/shared';
import { Cell, CellGroup } from '../../../components/Cells';
import { Card } from '../../../components/Form';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { formatDate } from '../../../lib/format';
import { navigate } from '../../../lib/router';
import { toCertificateCardView } from '../card-view';
import { toEventViews } from '../event-view';
import { CertificateSharingCells } from '../../sharing/components/CertificateSharingCells';
import { CertificateBusiness } from '../../applications/components/CertificateBusiness';
import { CompletionNotice } from '../../completion/components/CompletionNotice';
import { useActionableTasks } from '../../completion/useCompletionTasks';
import { PresentButton } from '../../presentation/components/PresentButton';
import { CertificateFileCells } from '../../certificate-file/components/CertificateFileCells';
import { ActivationAction, CertificateBody } from './CertificateCard';
import './certificate-card.scss';
import './detail.scss';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="cert-card__row">
      <Text className="cert-card__label">{label}</Text>
      <Text className="cert-card__value">{value}</Text>
    </View>
  );
}

function History({ events }: { events: CertificateDetail['events'] }) {
  const views = toEventViews(events, new Date());
  if (views.length === 0) return <Text className="cert-history__empty">暂无记录</Text>;
  return (
    <View className="cert-history" role="list">
      {views.map((event) => (
        <View key={event.key} className="cert-history__item" role="listitem">
          <View className="cert-history__dot" />
          <View className="cert-history__body">
            <Text className="cert-history__label">{event.label}</Text>
            <Text className="cert-history__meta">{`${event.when} · ${event.actor}`}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

function Detail({ detail }: { detail: CertificateDetail }) {
  const card = toCertificateCardView(detail);
  // Read again whenever the certificate is (pull-down, back from a task).
  const tasks = useActionableTasks(detail.id, detail);
  return (
    <>
      <CompletionNotice tasks={tasks} certificateId={detail.id} reasons />
      <View className={`cert-card cert-card--${card.status.tone}`}>
        <CertificateBody card={card} />
        <Fact label="持证人" value={detail.holderNameMasked} />
        <Fact label="有效期起" value={formatDate(detail.validFrom)} />
        {detail.identifier ? <Fact label="证照标识" value={detail.identifier} /> : null}
        <PresentButton certificate={detail} />
        <View className="cert-card__footer">
          <ActivationAction card={card} onActivate={() => void navigate('activate', { certificateId: detail.id })} />
          {card.activation === 'none' ? (
            <Text className="cert-detail__note">
              {detail.carrier === 'ELECTRONIC' ? '该证照当前状态不能激活' : `${card.carrierLabel}无需激活`}
            </Text>
          ) : null}
        </View>
      </View>
      <CertificateBusiness certificate={detail} />
      <CertificateSharingCells certificate={detail} />
      <CertificateFileCells certificate={detail} />
      {getCertificateType(detail.typeCode)?.photo ? (
        <CellGroup>
          <Cell
            label="证件照"
            value="拍摄并在线检查"
            arrow
            onClick={() => void navigate('photo', { typeCode: detail.typeCode })}
          />
        </CellGroup>
      ) : null}
      <Card title="办理记录">
        <History events={detail.events} />
      </Card>
    </>
  );
}

/** 证照详情: the certificate, its activation, and its history (newest first). */
export function CertificateDetailView({
  state,
  onRetry,
}: {
  state: RemoteState<CertificateDetail>;
  onRetry: () => void;
}) {
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={onRetry} />;
  return <Detail detail={state.data} />;
}
