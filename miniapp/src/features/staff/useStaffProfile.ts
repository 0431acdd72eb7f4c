import { confirm } from '../../lib/feedback';
import { useRemote } from '../../hooks/useRemote';
import { fetchStaffProfile, staffLogout } from './api';
import { followStaffSignIn, goToStaffSignIn } from './staff-navigation';

/** Who is signed in (shown in the workbench header) and 退出登录. */
export function useStaffProfile() {
  const profile = useRemote(fetchStaffProfile, followStaffSignIn);

  async function signOut() {
    const sure = await confirm({ title: '退出登录', content: '确定退出工作人员登录吗？', confirmText: '退出' });
    if (!sure) return;
    await staffLogout().catch(() => undefined);
    goToStaffSignIn();
  }

  return { profile: profile.state.status === 'ready' ? profile.state.data : null, signOut };
}
