import { useMemo } from 'react';
import { PageShell } from '../../../components/PageShell';
import { ShareCreateView } from '../../../features/sharing/components/ShareCreateView';
import { useShareCreate } from '../../../features/sharing/useShareCreate';
import { useRouteParams } from '../../../lib/router';

/** ?certificateId= (from a certificate) or ?operator=<name> (from the operator page: all of its certificates). */
export default function ShareCreatePage() {
  const { certificateId, operator } = useRouteParams();
  const start = useMemo(() => ({ certificateId, operatorName: operator }), [certificateId, operator]);
  const form = useShareCreate(start);
  return (
    <PageShell>
      <ShareCreateView form={form} />
    </PageShell>
  );
}
