import { PageShell } from '../../components/PageShell';
import { DemoSignInView } from '../../features/session/components/DemoSignInView';
import { useDemoSignIn } from '../../features/session/useDemoSignIn';

/** DEMO sign-in page, a stand-in until real-name identity verification lands. */
export default function LoginPage() {
  const { holders, pendingKey, signInError, signInAs } = useDemoSignIn();
  return (
    <PageShell>
      <DemoSignInView
        holders={holders}
        pendingKey={pendingKey}
        signInError={signInError}
        onSignIn={(key) => void signInAs(key)}
      />
    </PageShell>
  );
}
