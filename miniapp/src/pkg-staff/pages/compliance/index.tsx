import { ComplianceDashboardView } from '../../../features/compliance/components/ComplianceDashboardView';
import { useComplianceDashboard } from '../../../features/compliance/useComplianceDashboard';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { usePullDownRefresh } from '../../../lib/page';

/** 数据合规: rates against the 95 % target, charts, failing records, batch runs. */
export default function StaffCompliancePage() {
  const dashboard = useComplianceDashboard();
  usePullDownRefresh(dashboard.reload);
  return (
    <StaffShell section="compliance">
      <ComplianceDashboardView dashboard={dashboard} />
    </StaffShell>
  );
}
