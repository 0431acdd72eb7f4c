import { PageShell } from '../../../components/PageShell';
import { ConsentsView } from '../../../features/consent/components/ConsentsView';
import { useConsents } from '../../../features/consent/useConsents';
import { useReloadOnReturn } from '../../../lib/page';

export default function PrivacyPage() {
  const consents = useConsents();
  useReloadOnReturn(consents.account.reload);
  return (
    <PageShell>
      <ConsentsView consents={consents} />
    </PageShell>
  );
}
