import { allPagePaths } from './routes';

/**
 * A page of this app with its query, as the server names one (`targetPath` of a message or a
 * short link: `pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL`, no leading slash) and as
 * the page stack gives it back. Taro-free, so the parsing is tested without a runtime.
 */
export interface AppPath {
  /** A route of routes.ts, e.g. `pkg-apply/pages/start/index`. */
  route: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
}

/** Query keys Taro adds to a page's params by itself; they are not part of the page's address. */
const INTERNAL_KEYS = new Set(['$taroTimestamp', 'stamp', '__key_']);

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * Parses a page path with its query. Null unless it names a page of the route table: a message
 * from a newer server (a page this build does not have) or anything that is not a page (a full
 * URL, `../`) opens nothing.
 */
export function parseAppPath(path: string | null | undefined): AppPath | null {
  if (!path) return null;
  const [rawRoute = '', search = ''] = path.replace(/^\/+/, '').split('?', 2);
  const route = rawRoute.split('#', 1)[0] ?? '';
  if (!allPagePaths.includes(route)) return null;
  const query: Record<string, string> = {};
  for (const pair of search.split('#', 1)[0]!.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = decode(at < 0 ? pair : pair.slice(0, at));
    if (!key || INTERNAL_KEYS.has(key)) continue;
    query[key] = at < 0 ? '' : decode(pair.slice(at + 1));
  }
  return { route, query };
}

/** The page's URL for Taro's navigation APIs: `/route?k=v` (values encoded). */
export function appPathUrl(path: AppPath): string {
  const search = Object.entries(path.query)
    .filter(([key]) => !INTERNAL_KEYS.has(key))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return search ? `/${path.route}?${search}` : `/${path.route}`;
}
