import { PageShell } from '../../../components/PageShell';
import { ScanView } from '../../../features/verify/components/ScanView';

/** The verifier's scanner (mini-program); in the portal, the enter-code form. */
export default function ScanPage() {
  return (
    <PageShell>
      <ScanView />
    </PageShell>
  );
}
