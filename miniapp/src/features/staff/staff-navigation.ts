import type { ApiError } from '../../lib/api-error';
import { currentRoute, relaunch, routes } from '../../lib/router';
import { clearStaffToken } from '../../lib/staff-session';

let signInPending = false;

/** Closes the workbench and opens the staff sign-in, once however many calls failed together. */
export function goToStaffSignIn(): void {
  clearStaffToken();
  if (signInPending || currentRoute() === routes.staffLogin) return;
  signInPending = true;
  void relaunch('staffLogin').finally(() => {
    signInPending = false;
  });
}

/** For `useRemote` and actions: a 401 means the staff session is over (expired, idle 30 min, signed out). */
export function followStaffSignIn(error: ApiError): boolean {
  if (error.status !== 401) return false;
  goToStaffSignIn();
  return true;
}
