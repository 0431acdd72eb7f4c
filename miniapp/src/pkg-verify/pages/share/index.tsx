import { PageShell } from '../../../components/PageShell';
import { SharedView } from '../../../features/sharing/components/SharedView';
import { useSharedView } from '../../../features/sharing/useSharedView';
import { useRouteParams } from '../../../lib/router';

/** Public: `GET /s/<secret>` redirects here with ?s=; opened from any browser, no sign-in. */
export default function SharedViewPage() {
  const { s } = useRouteParams();
  const { state, reload } = useSharedView(s);
  return (
    <PageShell>
      <SharedView state={state} onRetry={() => void reload()} />
    </PageShell>
  );
}
