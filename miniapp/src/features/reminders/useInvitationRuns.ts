import { useCallback } from 'react';
import { usePollWhile } from '../../hooks/usePollWhile';
import { useRemote } from '../../hooks/useRemote';
import { followStaffSignIn } from '../staff/staff-navigation';
import { fetchInvitationRuns } from './api';
import { runInProgress } from './invitation';

/** Progress is asked for this often while a run is queued or being written. */
const RUN_POLL_MS = 2_000;

/**
 * The newest 换领邀请 runs; while one is QUEUED or RUNNING the list is asked again every 2 s
 * (the job commits its progress per chunk of certificates), and `onFinished` runs once when the
 * last one finishes (the statistics then count its reminders).
 */
export function useInvitationRuns(onFinished?: () => void) {
  const runs = useRemote(
    useCallback(() => fetchInvitationRuns(), []),
    followStaffSignIn,
  );
  const running = runs.state.status === 'ready' && runs.state.data.items.some(runInProgress);
  usePollWhile(running, runs.reload, RUN_POLL_MS, onFinished);
  return { runs, running };
}

export type InvitationRunsModel = ReturnType<typeof useInvitationRuns>;
