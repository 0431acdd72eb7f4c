import { useState } from 'react';
import { confirm } from '../../lib/feedback';
import { useRemote } from '../../hooks/useRemote';
import { logout } from '../session/api';
import { followErrorNavigation, goToSignIn } from '../session/error-navigation';
import { fetchAccount } from './api';

/** 我的: the account, and signing out of this device. */
export function useMe() {
  const account = useRemote(fetchAccount, (error) => followErrorNavigation(error));
  const [signingOut, setSigningOut] = useState(false);

  async function signOut(): Promise<void> {
    const sure = await confirm({ title: '退出登录', content: '确定退出登录吗？', confirmText: '退出', danger: true });
    if (!sure) return;
    setSigningOut(true);
    // The device forgets the session even when the server cannot be told (offline).
    await logout().catch(() => undefined);
    goToSignIn({ returnHere: false });
  }

  return { account, signingOut, signOut };
}
