import { Text, View } from '@tarojs/components';
import { consentTexts } from '@roadcert/shared';
import { useState } from 'react';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ConsentText } from './ConsentText';

/** Sensitive data the service asks for separately, at the step that needs it (PIPL). */
const SEPARATE_CONSENTS = ['ID_NUMBER', 'FACE_DATA'] as const;

/**
 * First run: the privacy policy (shared `consentTexts`, versioned) before anything else. Nothing
 * is collected until the person agrees; declining leaves them here with the reason.
 */
export function PrivacyPolicyView({ onAgree }: { onAgree: () => void }) {
  const [declined, setDeclined] = useState(false);
  return (
    <View className="privacy-first-run">
      <View className="privacy-first-run__intro">
        <Text className="privacy-first-run__heading">欢迎使用道路运输电子证照</Text>
        <Text className="privacy-first-run__lead">使用前，请您阅读并同意《隐私政策》。</Text>
      </View>
      <Card>
        <ConsentText kind="PRIVACY_POLICY" />
        <Text className="privacy-first-run__list-title">以下敏感个人信息，将在需要时另行征求您的单独同意：</Text>
        {SEPARATE_CONSENTS.map((kind) => (
          <Text
            key={kind}
            className="privacy-first-run__item"
          >{`· ${consentTexts[kind].title}：${consentTexts[kind].summary}`}</Text>
        ))}
        <View className="rc-actions">
          <Button type="primary" size="large" block onClick={onAgree}>
            同意并继续
          </Button>
          <Button size="large" block onClick={() => setDeclined(true)}>
            不同意
          </Button>
        </View>
        {declined ? (
          <View className="privacy-first-run__declined" role="alert">
            <Text>不同意《隐私政策》将无法使用本服务的登录和证照功能。您可以重新阅读后选择“同意并继续”。</Text>
          </View>
        ) : null}
      </Card>
    </View>
  );
}
