/**
 * Route table: the one list of pages. Taro-free on purpose — `app.config.ts` is evaluated in
 * Node at build time and imports it to declare the pages and subpackages.
 */
export const routes = {
  // Main package: what the first screen needs.
  home: 'pages/index/index',
  login: 'pages/login/index',
  // Certificates: detail and the activation flow.
  certificate: 'pkg-certificate/pages/detail/index',
  activate: 'pkg-certificate/pages/activate/index',
  // 我的 and everything reached from it.
  me: 'pkg-account/pages/me/index',
  realName: 'pkg-account/pages/real-name/index',
  devices: 'pkg-account/pages/devices/index',
  operator: 'pkg-account/pages/operator/index',
  privacy: 'pkg-account/pages/privacy/index',
  photo: 'pkg-account/pages/photo/index',
} as const;

export type RouteName = keyof typeof routes;

/** Subpackage roots: WeChat downloads each one the first time one of its pages opens. */
export const subPackageRoots = ['pkg-certificate', 'pkg-account'] as const;

const allRoutes: string[] = Object.values(routes);
const rootOf = (path: string) => subPackageRoots.find((root) => path.startsWith(`${root}/`));

/** Main-package page paths in the order Taro needs them; the first one is the launch page. */
export const pagePaths: string[] = allRoutes.filter((path) => rootOf(path) === undefined);

/** `subPackages` of app.json: pages relative to their root. */
export const subPackages: { root: string; pages: string[] }[] = subPackageRoots.map((root) => ({
  root,
  pages: allRoutes.filter((path) => rootOf(path) === root).map((path) => path.slice(root.length + 1)),
}));

/** Every page, main package first, as the page stack names them. */
export const allPagePaths: string[] = [...pagePaths, ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
