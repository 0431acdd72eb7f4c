import Taro, { useRouter } from '@tarojs/taro';
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
