/**
 * Route table: the one list of pages. Taro-free on purpose — `app.config.ts` is evaluated in
 * Node at build time and imports it to declare the pages.
 */
export const routes = {
  home: 'pages/index/index',
  login: 'pages/login/index',
} as const;

export type RouteName = keyof typeof routes;

/** Page paths in the order Taro needs them; the first one is the launch page. */
export const pagePaths: string[] = [routes.home, routes.login];
