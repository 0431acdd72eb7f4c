import { PageShell } from '../../components/PageShell';
import { CertificateWalletView } from '../../features/certificates/components/CertificateWalletView';
import { useCertificateWallet } from '../../features/certificates/useCertificateWallet';
import { usePullDownRefresh, useReloadOnReturn } from '../../lib/page';

export default function HomePage() {
  const { state, reload } = useCertificateWallet();
  usePullDownRefresh(reload);
  useReloadOnReturn(reload);
  return (
    <PageShell>
      <CertificateWalletView state={state} onRetry={() => void reload()} />
    </PageShell>
  );
}
