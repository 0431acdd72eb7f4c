import { parseAppPath, type AppPath } from '../../lib/app-path';
import { readEntry, removeEntry, writeEntry } from '../../lib/keyed-storage';
import { routes } from '../../lib/routes';

/**
 * The page a sign-in started from (a deep link from an SMS: the prefilled 延续 application, a
 * completion task…), so signing in lands back on it with its query instead of on the wallet.
 * Kept on the device, not in the sign-in page's URL: the privacy policy and the code steps come
 * in between, and on H5 a reload of the sign-in page must not lose it.
 */

const KEY = 'returnAfterSignIn';
/** A sign-in abandoned for longer than this does not send a later one anywhere unexpected. */
export const RETURN_TTL_MS = 30 * 60 * 1000;

/** Pages that are no place to return to: the wallet is where sign-in goes anyway, the staff workbench has its own sign-in. */
function worthReturningTo(path: AppPath): boolean {
  return path.route !== routes.home && path.route !== routes.login && !path.route.startsWith('pkg-staff/');
}

/** Remembers `path` (or forgets any earlier one when there is nothing worth returning to). */
export function rememberReturnPage(path: AppPath | null, now = Date.now()): void {
  if (!path || !worthReturningTo(path)) {
    removeEntry(KEY);
    return;
  }
  writeEntry(KEY, { route: path.route, query: path.query, at: now });
}

export function forgetReturnPage(): void {
  removeEntry(KEY);
}

/** The remembered page, once: it is forgotten as it is taken. Null when none, stale or foreign. */
export function takeReturnPage(now = Date.now()): AppPath | null {
  const stored = readEntry(KEY);
  removeEntry(KEY);
  if (typeof stored !== 'object' || stored === null) return null;
  const { route, query, at } = stored as { route?: unknown; query?: unknown; at?: unknown };
  if (typeof route !== 'string' || typeof at !== 'number' || now - at > RETURN_TTL_MS || now < at) return null;
  const parsed = parseAppPath(route);
  if (!parsed || !worthReturningTo(parsed)) return null;
  const clean: Record<string, string> = {};
  if (typeof query === 'object' && query !== null) {
    for (const [key, value] of Object.entries(query)) if (typeof value === 'string') clean[key] = value;
  }
  return { route: parsed.route, query: clean };
}
