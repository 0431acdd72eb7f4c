import Taro from '@tarojs/taro';
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

/** Closes every page and opens this one, e.g. after signing in. */
export function relaunch(name: RouteName, query?: RouteQuery): Promise<unknown> {
  return Taro.reLaunch({ url: routeUrl(name, query) });
}
