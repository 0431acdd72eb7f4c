import { ReviewView } from '../../../features/staff/components/ReviewView';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { useStaffReview } from '../../../features/staff/useStaffReview';
import { usePullDownRefresh } from '../../../lib/page';
import { useRouteParams } from '../../../lib/router';

export default function StaffReviewPage() {
  const { id = '' } = useRouteParams();
  const review = useStaffReview(id);
  usePullDownRefresh(review.reload);
  return (
    <StaffShell section={null}>
      <ReviewView review={review} />
    </StaffShell>
  );
}
