import { View } from '@tarojs/components';
import { useState } from 'react';
import { CheckRow, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { toApiError, type ApiError } from '../../../lib/api-error';
import { grantConsent } from '../../consent/api';
import { ConsentText } from '../../consent/components/ConsentText';
import { CONSENT_NOT_TICKED } from '../../consent/components/ConsentCheck';
import { acceptPrivacyPolicy } from '../../consent/local-privacy';

/** The privacy policy, when the account has not agreed to its current version. */
export function PrivacyStep({ onDone, onError }: { onDone: () => void; onError: (error: ApiError) => boolean }) {
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notTicked, setNotTicked] = useState(false);
  const [pending, setPending] = useState(false);

  async function agree(): Promise<void> {
    if (!checked) {
      setNotTicked(true);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await grantConsent('PRIVACY_POLICY');
      acceptPrivacyPolicy();
      onDone();
    } catch (cause) {
      const apiError = toApiError(cause);
      if (!onError(apiError)) setError(apiError.message);
    } finally {
      setPending(false);
    }
  }

  return (
    <View>
      <ConsentText kind="PRIVACY_POLICY" />
      <CheckRow
        checked={checked}
        onChange={(value) => {
          setChecked(value);
          setNotTicked(false);
        }}
        error={notTicked ? CONSENT_NOT_TICKED : undefined}
      >
        我已阅读并同意《隐私政策》
      </CheckRow>
      <FormError message={error} />
      <Button type="primary" size="large" block loading={pending} onClick={() => void agree()}>
        同意并继续
      </Button>
    </View>
  );
}
