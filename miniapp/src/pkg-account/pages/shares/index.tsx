import { PageShell } from '../../../components/PageShell';
import { MySharesView } from '../../../features/sharing/components/MySharesView';
import { useMyShares } from '../../../features/sharing/useMyShares';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';

export default function MySharesPage() {
  const model = useMyShares();
  usePullDownRefresh(model.shares.reload);
  // Back from 新建分享: the new link is on the list.
  useReloadOnReturn(model.shares.reload);
  return (
    <PageShell>
      <MySharesView model={model} />
    </PageShell>
  );
}
