import { useState } from 'react';
import { PageShell } from '../../components/PageShell';
import { PrivacyPolicyView } from '../../features/consent/components/PrivacyPolicyView';
import { acceptPrivacyPolicy, hasAcceptedPrivacyPolicy } from '../../features/consent/local-privacy';
import { SignInView } from '../../features/sign-in/components/SignInView';

/** 登录: on first run the privacy policy comes first; then the platform's sign-in methods. */
export default function LoginPage() {
  const [accepted, setAccepted] = useState(hasAcceptedPrivacyPolicy);
  return (
    <PageShell>
      {accepted ? (
        <SignInView />
      ) : (
        <PrivacyPolicyView
          onAgree={() => {
            acceptPrivacyPolicy();
            setAccepted(true);
          }}
        />
      )}
    </PageShell>
  );
}
