import { PageShell } from '../../../components/PageShell';
import { IdentityFlowView } from '../../../features/activation/components/IdentityFlowView';
import type { FlowGoal } from '../../../features/activation/flow';
import { useIdentityFlow } from '../../../features/activation/useIdentityFlow';
import { useRouteParams } from '../../../lib/router';

const ACTIVATE: FlowGoal = { face: true, activate: true };

/** 激活证照: the missing steps (consent → real name → face), then activation and its result. */
export default function ActivatePage() {
  const { certificateId } = useRouteParams();
  const flow = useIdentityFlow(ACTIVATE, certificateId);
  return (
    <PageShell>
      <IdentityFlowView flow={flow} goal={ACTIVATE} />
    </PageShell>
  );
}
