import { useState } from 'react';
import type { DemoHolder } from '@roadcert/shared';
import { type ApiError, toApiError } from '../../lib/api-error';
import { relaunch } from '../../lib/router';
import { useRemote } from '../../hooks/useRemote';
import { fetchDemoHolders, startDemoSession } from './api';
import { saveSession } from './session';

/** Demo holders to choose from, and signing in as one of them (then back to 我的证照). */
export function useDemoSignIn() {
  const holders = useRemote<DemoHolder[]>(fetchDemoHolders);
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<ApiError | null>(null);

  async function signInAs(key: string): Promise<void> {
    if (pendingKey) return;
    setPendingKey(key);
    setSignInError(null);
    try {
      saveSession(await startDemoSession(key));
      await relaunch('home');
    } catch (cause) {
      setSignInError(toApiError(cause));
    } finally {
      setPendingKey(null);
    }
  }

  return { holders, pendingKey, signInError, signInAs };
}
