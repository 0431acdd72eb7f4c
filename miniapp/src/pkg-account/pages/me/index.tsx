import { PageShell } from '../../../components/PageShell';
import { MeView } from '../../../features/account/components/MeView';
import { useMe } from '../../../features/account/useMe';
import { useReloadOnReturn } from '../../../lib/page';

export default function MePage() {
  const me = useMe();
  useReloadOnReturn(me.account.reload);
  return (
    <PageShell>
      <MeView me={me} />
    </PageShell>
  );
}
