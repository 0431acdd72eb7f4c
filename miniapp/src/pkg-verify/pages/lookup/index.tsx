import { PageShell } from '../../../components/PageShell';
import { LookupView } from '../../../features/lookup/components/LookupView';
import { useLookup } from '../../../features/lookup/useLookup';

/** Public: check a certificate by number and holder name when the e-certificate cannot be shown. */
export default function LookupPage() {
  const model = useLookup();
  return (
    <PageShell>
      <LookupView model={model} />
    </PageShell>
  );
}
