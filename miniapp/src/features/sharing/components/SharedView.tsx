import { Text, View } from '@tarojs/components';
import { carriers, type SharedCertificateFace, type SharedView as SharedViewData } from '@roadcert/shared';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { formatDate, formatDateTime, formatValidity, statusAppearance } from '../../../lib/format';
import { StatusBadge } from '../../certificates/components/StatusBadge';
import { closedShareView, purposeLine, type ClosedShareView } from '../share-view';
import { watermarkLines } from '../watermark';
import { Watermark } from './Watermark';
import '../../certificates/components/certificate-card.scss';
import './sharing.scss';

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <View className="cert-card__row">
      <Text className="cert-card__label">{label}</Text>
      <Text className={strong ? 'cert-card__value cert-card__value--strong' : 'cert-card__value'}>{value}</Text>
    </View>
  );
}

function Face({ face, lines }: { face: SharedCertificateFace; lines: string[] }) {
  const status = statusAppearance(face.status);
  const rows = 6 + face.details.length + (face.plateNumber ? 1 : 0);
  return (
    <View className={`cert-card cert-card--${status.tone} shared-face`}>
      <Text className="cert-card__title">{face.typeName}</Text>
      <View className="cert-card__status">
        <StatusBadge status={status} />
        <Text className="cert-card__validity">{formatValidity(face.validUntil)}</Text>
      </View>
      <Row label="证号" value={face.numberMasked} strong />
      {face.plateNumber ? <Row label="车牌" value={face.plateNumber} strong /> : null}
      <Row label="持证人" value={face.holderName} />
      <Row label="有效期起" value={formatDate(face.validFrom)} />
      <Row label="载体" value={carriers[face.carrier].label} />
      <Row label="发证机关" value={face.issuingAuthority} />
      {face.details.map((detail) => (
        <Row key={detail.label} label={detail.label} value={detail.value} />
      ))}
      <Watermark lines={lines} heightPx={rows * 34 + 110} />
    </View>
  );
}

function Shared({ view }: { view: SharedViewData }) {
  const purpose = purposeLine(view);
  const lines = watermarkLines({ purpose, recipientName: view.recipientName, expiresAt: view.expiresAt });
  return (
    <View>
      <View className="shared-head">
        <Text className="shared-head__title">道路运输电子证照 · 加注件</Text>
        <Text className="shared-head__purpose">{`仅供${purpose}使用`}</Text>
        <Text className="shared-head__line">{`分享人：${view.sharedBy}`}</Text>
        {view.recipientName ? <Text className="shared-head__line">{`接收方：${view.recipientName}`}</Text> : null}
        <Text className="shared-head__line">{`链接有效期至：${formatDateTime(view.expiresAt)}`}</Text>
        <Text className="shared-head__line">{`共 ${view.certificates.length} 张证照 · 查看时间 ${formatDateTime(view.openedAt)}`}</Text>
      </View>
      {view.certificates.map((face) => (
        <Face key={`${face.typeCode}-${face.numberMasked}-${face.plateNumber ?? ''}`} face={face} lines={lines} />
      ))}
      <Text className="shared-foot">
        此页面为持证人授权的证照副本，仅限上述事由使用；持证人可随时撤销，每次查看均记入其用证记录。个人证件号码已部分隐藏。
      </Text>
    </View>
  );
}

/** Expired, revoked and unknown links each get a plain sentence, not a retry button. */
function Closed({ view }: { view: ClosedShareView }) {
  return (
    <View className="shared-closed" role="alert">
      <Text className="shared-closed__title">{view.title}</Text>
      <Text className="shared-closed__hint">{view.hint}</Text>
    </View>
  );
}

/** The opened share link: the faces with the watermark, or why they cannot be shown. */
export function SharedView({ state, onRetry }: { state: RemoteState<SharedViewData>; onRetry: () => void }) {
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') {
    const closed = closedShareView(state.error.code);
    return closed ? <Closed view={closed} /> : <ErrorState message={state.error.message} onRetry={onRetry} />;
  }
  return <Shared view={state.data} />;
}
