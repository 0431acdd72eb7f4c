import { PageShell } from '../../../components/PageShell';
import { useRemote } from '../../../hooks/useRemote';
import { fetchAccount } from '../../../features/account/api';
import { OperatorView } from '../../../features/operator/components/OperatorView';
import { followErrorNavigation } from '../../../features/session/error-navigation';
import { useReloadOnReturn } from '../../../lib/page';

export default function OperatorPage() {
  const account = useRemote(fetchAccount, (error) => followErrorNavigation(error));
  // Back from 实名认证: the activation form replaces the "real name first" notice.
  useReloadOnReturn(account.reload);
  return (
    <PageShell>
      <OperatorView account={account} />
    </PageShell>
  );
}
