import { Text, View } from '@tarojs/components';
import type { CertificateSummary } from '@roadcert/shared';
import { useState } from 'react';
import { FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { toApiError, type ApiError } from '../../../lib/api-error';
import { activateCertificate } from '../../certificates/api';
import { askForReminders } from '../../messages/subscriptions';
import { useSubscriptionPrefetch } from '../../messages/useSubscriptionPrefetch';

/** Last step: confirm, activate, hand the activated certificate back to the flow. */
export function ActivateStep({
  certificate,
  onActivated,
  onError,
}: {
  certificate: CertificateSummary;
  onActivated: (summary: CertificateSummary) => void;
  onError: (error: ApiError) => boolean;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useSubscriptionPrefetch();

  async function activate(): Promise<void> {
    if (pending) return;
    // Mini-program: offer 到期/年审 reminders by 微信服务通知. WeChat shows that dialog only within
    // the tap, so it starts here, before the await; it never holds up the activation.
    void askForReminders('activated');
    setPending(true);
    setError(null);
    try {
      onActivated(await activateCertificate(certificate.id));
    } catch (cause) {
      const apiError = toApiError(cause);
      if (!onError(apiError)) setError(apiError.message);
      setPending(false);
    }
  }

  return (
    <View>
      <Text className="activation__lead">
        身份核验已完成。确认激活后，该电子证照即可出示使用，激活记录将保存在证照的办理记录中。
      </Text>
      <FormError message={error} />
      <Button type="primary" size="large" block loading={pending} onClick={() => void activate()}>
        确认激活
      </Button>
    </View>
  );
}
