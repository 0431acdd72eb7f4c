import { PageShell } from '../../../components/PageShell';
import { CertificateDetailView } from '../../../features/certificates/components/CertificateDetailView';
import { useCertificateDetail } from '../../../features/certificates/useCertificateDetail';
import { usePullDownRefresh, useReloadOnReturn } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

export default function CertificateDetailPage() {
  const { id } = useRouteParams();
  const { state, reload } = useCertificateDetail(id);
  usePullDownRefresh(reload);
  useReloadOnReturn(reload);
  return (
    <PageShell>
      <CertificateDetailView state={state} onRetry={() => void reload()} />
    </PageShell>
  );
}
