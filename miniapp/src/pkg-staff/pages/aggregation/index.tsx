import { AggregationView } from '../../../features/aggregation/components/AggregationView';
import { useAggregation } from '../../../features/aggregation/useAggregation';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { usePullDownRefresh } from '../../../lib/page';

/** 数据归集: the rate of certificates the ministry acknowledged, failures, 补传, reconciliation. */
export default function StaffAggregationPage() {
  const aggregation = useAggregation();
  usePullDownRefresh(aggregation.reload);
  return (
    <StaffShell section="aggregation">
      <AggregationView aggregation={aggregation} />
    </StaffShell>
  );
}
