import { isUnauthenticated, type ApiError } from '../../lib/api-error';
import { redirect } from '../../lib/router';
import { clearSession } from './session';

/**
 * `useRemote` error handler for pages that need a session: a 401 drops the stored token and
 * sends the person to sign in (returns true: handled, show nothing); other errors are shown.
 */
export function redirectWhenSignedOut(error: ApiError): boolean {
  if (!isUnauthenticated(error)) return false;
  clearSession();
  void redirect('login');
  return true;
}
