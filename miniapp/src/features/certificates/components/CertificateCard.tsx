import { Text, View } from '@tarojs/components';
import type { CertificateCardView } from '../card-view';
import { StatusBadge } from './StatusBadge';
import './certificate-card.scss';

function Row({ label, value, emphasis }: { label: string; value: string; emphasis?: boolean }) {
  return (
    <View className="cert-card__row">
      <Text className="cert-card__label">{label}</Text>
      <Text className={emphasis ? 'cert-card__value cert-card__value--strong' : 'cert-card__value'}>{value}</Text>
    </View>
  );
}

/** One certificate: what it is, whether it can be used and until when, then its particulars. */
export function CertificateCard({ card }: { card: CertificateCardView }) {
  return (
    <View className={`cert-card cert-card--${card.status.tone}`}>
      <Text className="cert-card__title">{card.title}</Text>
      <View className="cert-card__status">
        <StatusBadge status={card.status} />
        <Text className="cert-card__validity">{card.validity}</Text>
      </View>
      <Row label="证号" value={card.numberMasked} emphasis />
      {card.plateNumber ? <Row label="车牌" value={card.plateNumber} emphasis /> : null}
      <Row label="载体" value={card.carrierLabel} />
      <Row label="发证机关" value={card.issuingAuthority} />
    </View>
  );
}
