import { PageShell } from '../../../components/PageShell';
import { VerifyView } from '../../../features/verify/components/VerifyView';
import { useVerify } from '../../../features/verify/useVerify';
import { useRouteParams } from '../../../lib/router';

/** Opened by any phone camera from a certificate QR (`/v/<token>` → here with `?t=`). */
export default function VerifyPage() {
  const { t } = useRouteParams();
  const { state, verify } = useVerify(t);
  return (
    <PageShell>
      <VerifyView state={state} onVerify={verify} />
    </PageShell>
  );
}
