import { PageShell } from '../../../components/PageShell';
import { ApplicationStatusView } from '../../../features/applications/components/ApplicationStatusView';
import { useApplicationDetail } from '../../../features/applications/useApplicationDetail';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

/** 申请详情 `?id=`: state, return reasons, timeline. */
export default function ApplicationDetailPage() {
  const { id } = useRouteParams();
  const { state, reload } = useApplicationDetail(id);
  usePullDownRefresh(reload);
  useReloadOnReturn(reload);
  return (
    <PageShell>
      <ApplicationStatusView state={state} onRetry={() => void reload()} />
    </PageShell>
  );
}
