import { PageShell } from '../../../components/PageShell';
import { IdentityFlowView } from '../../../features/activation/components/IdentityFlowView';
import type { FlowGoal } from '../../../features/activation/flow';
import { useIdentityFlow } from '../../../features/activation/useIdentityFlow';
import { useRouteParams } from '../../../lib/router';

const REAL_NAME: FlowGoal = { face: false, activate: false };
const REAL_NAME_AND_FACE: FlowGoal = { face: true, activate: false };

/** 实名认证: binding status (masked), or the steps to bind; `?step=face` adds the face check. */
export default function RealNamePage() {
  const { step } = useRouteParams();
  const goal = step === 'face' ? REAL_NAME_AND_FACE : REAL_NAME;
  const flow = useIdentityFlow(goal);
  return (
    <PageShell>
      <IdentityFlowView flow={flow} goal={goal} />
    </PageShell>
  );
}
