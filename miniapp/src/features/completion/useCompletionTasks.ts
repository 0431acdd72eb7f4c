import type { CompletionTaskList } from '@roadcert/shared';
import { useCallback, useEffect, useRef } from 'react';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchCompletionTasks } from './api';

/** The holder's tasks, all of them or one certificate's; closed ones too on the list page. */
export function useCompletionTasks(certificateId?: string): Remote<CompletionTaskList> {
  const load = useCallback(() => fetchCompletionTasks({ certificateId, include: 'all' }), [certificateId]);
  return useRemote(load, (error) => followErrorNavigation(error));
}

/**
 * The open tasks behind a notice (wallet, certificate page). A notice is extra: when the call
 * fails (an older server, a network blip) the page shows no notice rather than an error.
 * A new `refreshKey` (e.g. the certificate as reloaded on return from a task) reads them again.
 */
export function useActionableTasks(certificateId?: string, refreshKey?: unknown): CompletionTaskList | null {
  const load = useCallback(() => fetchCompletionTasks({ certificateId, include: 'open' }), [certificateId]);
  const { state, reload } = useRemote<CompletionTaskList>(load, () => true);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [refreshKey, reload]);
  return state.status === 'ready' ? state.data : null;
}
