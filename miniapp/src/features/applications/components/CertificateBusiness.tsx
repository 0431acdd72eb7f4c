import { Text, View } from '@tarojs/components';
import type { CertificateDetail } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { useReloadOnReturn } from '../../../lib/page';
import { navigate } from '../../../lib/router';
import { applicationOffers, type ApplicationOffer } from '../offers';
import { openApplicationFor } from '../open-application';
import { useMyApplications } from '../useApplicationDetail';
import { StateBadge } from './ApplicationStatusView';
import './applications.scss';

function openOffer(certificate: CertificateDetail, offer: ApplicationOffer): void {
  void navigate('apply', { typeCode: certificate.typeCode, kind: offer.kind, certificateId: certificate.id });
}

/**
 * 办理业务 on the certificate page: the businesses this certificate can take (a guide; the
 * server has the last word on the start page), or the application already open on it.
 */
export function CertificateBusiness({ certificate }: { certificate: CertificateDetail }) {
  const applications = useMyApplications();
  useReloadOnReturn(applications.reload);
  const { offers, note } = applicationOffers(certificate);
  const open =
    applications.state.status === 'ready' ? openApplicationFor(applications.state.data, certificate.id) : null;
  if (open) {
    return (
      <Card title="办理中的业务">
        <View
          className="apply-offer"
          role="button"
          onClick={() => void navigate(open.state === 'DRAFT' ? 'applyForm' : 'application', { id: open.id })}
        >
          <View className="apply-offer__body">
            <Text className="apply-offer__label">{open.kindLabel}</Text>
            <StateBadge state={open.state} />
          </View>
          <Text className="apply-offer__arrow" aria-hidden="true">
            ›
          </Text>
        </View>
      </Card>
    );
  }
  if (offers.length === 0 && !note) return null;
  const primary = offers.filter((offer) => offer.primary);
  const others = offers.filter((offer) => !offer.primary);
  return (
    <Card title="办理业务">
      {note ? <Text className="apply-note">{note}</Text> : null}
      {primary.map((offer) => (
        <View key={offer.kind} className="apply-offer__primary">
          <Button type="primary" size="large" block onClick={() => openOffer(certificate, offer)}>
            {offer.label}
          </Button>
          <Text className="apply-offer__hint">{offer.hint}</Text>
        </View>
      ))}
      {others.map((offer) => (
        <View
          key={offer.kind}
          className="apply-offer"
          role="button"
          aria-label={`${offer.label}：${offer.hint}`}
          onClick={() => openOffer(certificate, offer)}
        >
          <View className="apply-offer__body">
            <Text className="apply-offer__label">{offer.label}</Text>
            <Text className="apply-offer__hint">{offer.hint}</Text>
          </View>
          <Text className="apply-offer__arrow" aria-hidden="true">
            ›
          </Text>
        </View>
      ))}
    </Card>
  );
}
