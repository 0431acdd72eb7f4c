import { View } from '@tarojs/components';
import type { CertificateSummary } from '@roadcert/shared';
import { Button } from '../../../components/nutui';
import { navigate } from '../../../lib/router';
import { isPresentable } from '../presentable';
import './present-button.scss';

/** The big 亮证 button on a certificate that may be shown (nothing otherwise). */
export function PresentButton({
  certificate,
}: {
  certificate: Pick<CertificateSummary, 'id' | 'carrier' | 'activated' | 'status' | 'validUntil'> &
    Partial<Pick<CertificateSummary, 'operatorRole'>>;
}) {
  if (!isPresentable(certificate)) return null;
  return (
    <View className="present-button">
      <Button type="primary" size="large" block onClick={() => void navigate('present', { id: certificate.id })}>
        亮证
      </Button>
    </View>
  );
}
