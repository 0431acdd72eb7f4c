import Taro, { useRouter } from '@tarojs/taro';
import { appPathUrl, parseAppPath, type AppPath } from './app-path';
import { routes, type RouteName } from './routes';

export { routes, type RouteName };

export type RouteQuery = Record<string, string | number>;

/** Absolute page URL for a route, with an encoded query string. */
export function routeUrl(name: RouteName, query?: RouteQuery): string {
  const path = `/${routes[name]}`;
  if (!query) return path;
  const search = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return search ? `${path}?${search}` : path;
}

/** Opens a page on top of the current one (back returns here). */
export function navigate(name: RouteName, query?: RouteQuery): Promise<unknown> {
  return Taro.navigateTo({ url: routeUrl(name, query) });
}

/** Replaces the current page (no way back), e.g. home → login when signed out. */
export function redirect(name: RouteName, query?: RouteQuery): Promise<unknown> {
  return Taro.redirectTo({ url: routeUrl(name, query) });
}

/** Closes every page and opens this one, e.g. after signing in or out. */
export function relaunch(name: RouteName, query?: RouteQuery): Promise<unknown> {
  return Taro.reLaunch({ url: routeUrl(name, query) });
}

/** Back one page; when there is none (opened directly, H5 reload) go home instead. */
export function back(): Promise<unknown> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return relaunch('home');
}

/** Route of the page on top of the stack, e.g. `pages/login/index`. */
export function currentRoute(): string | undefined {
  const pages = Taro.getCurrentPages();
  const route = pages[pages.length - 1]?.route;
  return route?.replace(/^\//, '');
}

/** Opens a page named by the server (`targetPath`) on top of the current one; false when it is no page of this build. */
export function openAppPath(path: string | null | undefined): boolean {
  const target = parseAppPath(path);
  if (!target) return false;
  void Taro.navigateTo({ url: appPathUrl(target) });
  return true;
}

/** Closes every page and opens this one (e.g. back to the page a sign-in started from). */
export function relaunchAppPath(path: AppPath): Promise<unknown> {
  return Taro.reLaunch({ url: appPathUrl(path) });
}

/** A page of the stack as the platforms give it: WeChat keeps the query in `options`, Taro in `$taroParams` (H5 too). */
interface StackPage {
  route?: string;
  path?: string;
  options?: Record<string, unknown>;
  $taroParams?: Record<string, unknown>;
}

/** The page on top of the stack with its query, e.g. a deep link opened straight from an SMS. */
export function currentAppPath(): AppPath | null {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as StackPage | undefined;
  const parsed = parseAppPath(top?.route);
  if (!top || !parsed) return null;
  const query: Record<string, string> = { ...(top.path?.includes('?') ? parseAppPath(top.path)?.query : undefined) };
  for (const source of [top.$taroParams, top.options]) {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') query[key] = decode(String(value));
    }
  }
  return parseAppPath(appPathUrl({ route: parsed.route, query }));
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Query parameters of the current page, decoded (WeChat hands them over still encoded). */
export function useRouteParams(): Partial<Record<string, string>> {
  const { params } = useRouter();
  const decoded: Partial<Record<string, string>> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') decoded[key] = decode(value);
  }
  return decoded;
}
