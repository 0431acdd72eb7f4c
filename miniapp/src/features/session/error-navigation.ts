import type { ApiError, ApiErrorCode } from '../../lib/api-error';
import {
  currentAppPath,
  currentRoute,
  navigate,
  relaunch,
  routes,
  type RouteName,
  type RouteQuery,
} from '../../lib/router';
import { rememberReturnPage } from './return-after-sign-in';
import { clearSession } from './session';

/** Where an error code sends the person, if anywhere. */
export type ErrorNavigation = { kind: 'sign-in' } | { kind: 'page'; route: RouteName; query?: RouteQuery };

/** Codes after which the session is unusable: the refresh (if any) already failed. */
const SIGN_IN_CODES: ReadonlySet<ApiErrorCode> = new Set([
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'SESSION_IDLE_TIMEOUT',
]);

/**
 * Error code → the step that resolves it. `certificateId` is the certificate being worked on, so
 * a missing face verification returns to that certificate's activation flow.
 */
export function navigationForError(
  code: ApiErrorCode,
  context: { certificateId?: string } = {},
): ErrorNavigation | null {
  if (SIGN_IN_CODES.has(code)) return { kind: 'sign-in' };
  switch (code) {
    case 'REAL_NAME_REQUIRED':
      return { kind: 'page', route: 'realName' };
    case 'CONSENT_REQUIRED':
      return { kind: 'page', route: 'privacy' };
    case 'FACE_VERIFICATION_REQUIRED':
      return context.certificateId
        ? { kind: 'page', route: 'activate', query: { certificateId: context.certificateId } }
        : { kind: 'page', route: 'realName', query: { step: 'face' } };
    default:
      return null;
  }
}

export function needsSignIn(error: ApiError): boolean {
  return SIGN_IN_CODES.has(error.code);
}

let signInPending = false;

/**
 * Drops the session and opens sign-in once, however many calls failed together. The page that
 * needed the session (e.g. opened from an SMS link) is remembered, so signing in returns to it;
 * `returnHere: false` when the person signed out on purpose.
 */
export function goToSignIn(options: { returnHere?: boolean } = {}): void {
  clearSession();
  if (signInPending || currentRoute() === routes.login) return;
  rememberReturnPage(options.returnHere === false ? null : currentAppPath());
  signInPending = true;
  void relaunch('login').finally(() => {
    signInPending = false;
  });
}

/**
 * Error handler for `useRemote` and actions: follows the navigation for the error's code and
 * returns true (handled: show nothing), or returns false so the caller shows the message.
 */
export function followErrorNavigation(error: ApiError, context?: { certificateId?: string }): boolean {
  const target = navigationForError(error.code, context);
  if (!target) return false;
  if (target.kind === 'sign-in') goToSignIn();
  else void navigate(target.route, target.query);
  return true;
}

/** Only the sign-in part: for pages that handle the other codes themselves (the flows). */
export function followSignInNavigation(error: ApiError): boolean {
  if (!needsSignIn(error)) return false;
  goToSignIn();
  return true;
}
