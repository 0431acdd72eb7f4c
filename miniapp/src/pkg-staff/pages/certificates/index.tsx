import { CertificateStatusView } from '../../../features/staff/components/CertificateStatusView';
import { StaffShell } from '../../../features/staff/components/StaffShell';
import { useCertificateStatus } from '../../../features/staff/useCertificateStatus';

/** 证照状态 (issue 6): 暂停 / 吊销 / 恢复 a certificate found by its number. */
export default function StaffCertificatesPage() {
  const status = useCertificateStatus();
  return (
    <StaffShell section="certificates">
      <CertificateStatusView status={status} />
    </StaffShell>
  );
}
