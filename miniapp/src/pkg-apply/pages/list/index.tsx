import { PageShell } from '../../../components/PageShell';
import { ApplicationListView } from '../../../features/applications/components/ApplicationListView';
import { useMyApplications } from '../../../features/applications/useApplicationDetail';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';

/** 我的申请. */
export default function MyApplicationsPage() {
  const { state, reload } = useMyApplications();
  usePullDownRefresh(reload);
  useReloadOnReturn(reload);
  return (
    <PageShell>
      <ApplicationListView state={state} onRetry={() => void reload()} />
    </PageShell>
  );
}
