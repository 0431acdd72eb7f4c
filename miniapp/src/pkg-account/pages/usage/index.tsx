import { PageShell } from '../../../components/PageShell';
import { UsageView } from '../../../features/usage/components/UsageView';
import { useUsage } from '../../../features/usage/useUsage';
import { usePullDownRefresh } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

/** ?certificateId= from a certificate page; without it, all certificates. */
export default function UsagePage() {
  const { certificateId } = useRouteParams();
  const model = useUsage(certificateId);
  usePullDownRefresh(model.usage.reload);
  return (
    <PageShell>
      <UsageView model={model} />
    </PageShell>
  );
}
