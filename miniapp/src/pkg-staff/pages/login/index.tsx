import { StaffPlainShell } from '../../../features/staff/components/StaffShell';
import { StaffSignInView } from '../../../features/staff/components/StaffSignInView';
import { useStaffSignIn } from '../../../features/staff/useStaffSignIn';

/** 工作人员登录 (H5 portal only). */
export default function StaffLoginPage() {
  const signIn = useStaffSignIn();
  return (
    <StaffPlainShell>
      <StaffSignInView signIn={signIn} />
    </StaffPlainShell>
  );
}
