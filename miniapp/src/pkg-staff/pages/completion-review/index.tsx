import { CompletionReviewView } from '../../../features/compliance/components/CompletionReviewView';
import { useCompletionReview } from '../../../features/compliance/useCompletionReview';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { usePullDownRefresh } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

/** 补正审核详情 `?id=`: diff, evidence, 确认 / 退回 / 豁免. */
export default function StaffCompletionReviewPage() {
  const { id = '' } = useRouteParams();
  const review = useCompletionReview(id);
  usePullDownRefresh(review.reload);
  return (
    <StaffShell section={null}>
      <CompletionReviewView review={review} />
    </StaffShell>
  );
}
