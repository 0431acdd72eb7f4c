import { PageShell } from '../../../components/PageShell';
import { PresentView } from '../../../features/presentation/components/PresentView';
import { usePresentation } from '../../../features/presentation/usePresentation';
import { useScreenHold } from '../../../features/presentation/useScreenHold';
import { useRouteParams } from '../../../lib/router';

export default function PresentPage() {
  const { id } = useRouteParams();
  const { view, now, refresh } = usePresentation(id);
  const captured = useScreenHold();
  return (
    <PageShell>
      <PresentView view={view} now={now} captured={captured} onRetry={refresh} />
    </PageShell>
  );
}
