import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/nutui';
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

/** The certificate's particulars: what it is, whether it can be used and until when. */
export function CertificateBody({ card }: { card: CertificateCardView }) {
  return (
    <>
      <Text className="cert-card__title">{card.title}</Text>
      <View className="cert-card__status">
        <StatusBadge status={card.status} />
        <Text className="cert-card__validity">{card.validity}</Text>
      </View>
      <Row label="证号" value={card.numberMasked} emphasis />
      {card.plateNumber ? <Row label="车牌" value={card.plateNumber} emphasis /> : null}
      <Row label="载体" value={card.carrierLabel} />
      <Row label="发证机关" value={card.issuingAuthority} />
      {card.operator ? <Row label="所属企业" value={card.operator} /> : null}
    </>
  );
}

/** The activation part of a card's footer, per state (nothing for paper and IC cards). */
export function ActivationAction({ card, onActivate }: { card: CertificateCardView; onActivate?: () => void }) {
  if (card.activation === 'activated') return <ActivatedTag />;
  if (card.activation === 'view-only')
    return <Text className="cert-card__activate-hint">电子证照未激活，需由企业法定代表人或经办人激活</Text>;
  if (card.activation !== 'activatable' || !onActivate) return null;
  return (
    <View className="cert-card__activate">
      <Text className="cert-card__activate-hint">电子证照未激活，激活后可出示使用</Text>
      <Button type="primary" size="large" block onClick={onActivate}>
        激活
      </Button>
    </View>
  );
}

/** 已激活 as words and a tick, so it never depends on colour. */
export function ActivatedTag() {
  return (
    <Text className="cert-card__activated" aria-label="电子证照已激活">
      ✓ 已激活
    </Text>
  );
}

interface CertificateCardProps {
  card: CertificateCardView;
  onOpen?: () => void;
  onActivate?: () => void;
}

/** One certificate in the wallet, with its activation state and the way to its details. */
export function CertificateCard({ card, onOpen, onActivate }: CertificateCardProps) {
  return (
    <View className={`cert-card cert-card--${card.status.tone}`}>
      <View onClick={onOpen}>
        <CertificateBody card={card} />
      </View>
      <View className="cert-card__footer">
        <ActivationAction card={card} onActivate={onActivate} />
        {onOpen ? (
          <View className="cert-card__more" role="link" aria-label={`查看${card.title}详情和记录`} onClick={onOpen}>
            详情与记录 ›
          </View>
        ) : null}
      </View>
    </View>
  );
}
