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
  // 亮证: the rotating QR of an activated electronic certificate.
  present: 'pkg-certificate/pages/present/index',
  // 信息待补充 (缺失数据补传): the holder's completion tasks and one task's supply form.
  completionTasks: 'pkg-certificate/pages/tasks/index',
  completionTask: 'pkg-certificate/pages/task/index',
  // 我的 and everything reached from it.
  me: 'pkg-account/pages/me/index',
  realName: 'pkg-account/pages/real-name/index',
  devices: 'pkg-account/pages/devices/index',
  operator: 'pkg-account/pages/operator/index',
  privacy: 'pkg-account/pages/privacy/index',
  photo: 'pkg-account/pages/photo/index',
  // Sharing (加注件) and the usage log (用证记录).
  shares: 'pkg-account/pages/shares/index',
  shareCreate: 'pkg-account/pages/share-create/index',
  usage: 'pkg-account/pages/usage/index',
  // 消息 (reminders in the app) and 消息提醒 (the channels reminders may use).
  messages: 'pkg-account/pages/messages/index',
  reminderSettings: 'pkg-account/pages/reminder-settings/index',
  // Applications (申领 / 换发 / 补发 / 变更 / 延续): notice, form, status, list.
  apply: 'pkg-apply/pages/start/index',
  applyForm: 'pkg-apply/pages/form/index',
  application: 'pkg-apply/pages/detail/index',
  applications: 'pkg-apply/pages/list/index',
  // Authority staff workbench (运管): H5 portal only, see portalOnlyRoots.
  staffLogin: 'pkg-staff/pages/login/index',
  staffQueue: 'pkg-staff/pages/queue/index',
  staffReview: 'pkg-staff/pages/review/index',
  staffCertificates: 'pkg-staff/pages/certificates/index',
  // Data completeness: 补正审核 (supplements and the staff queue), 数据合规 (rates), 存量导入.
  staffCompletionQueue: 'pkg-staff/pages/completion/index',
  staffCompletionReview: 'pkg-staff/pages/completion-review/index',
  staffCompliance: 'pkg-staff/pages/compliance/index',
  // 数据归集: the ministry's acknowledgements, dead letters and 补传, reconciliation.
  staffAggregation: 'pkg-staff/pages/aggregation/index',
  staffStockImport: 'pkg-staff/pages/stock-import/index',
  // 消息提醒: reminders sent by day, kind and channel, and the one-off 换领邀请.
  staffReminders: 'pkg-staff/pages/reminders/index',
  // Verification, public (opened from any browser or camera): lookup by number, opened share links.
  lookup: 'pkg-verify/pages/lookup/index',
  shareView: 'pkg-verify/pages/share/index',
  // 核验: the page every QR opens (verify online), and the mini-program scanner (offline too).
  verify: 'pkg-verify/pages/verify/index',
  scan: 'pkg-verify/pages/scan/index',
} as const;

export type RouteName = keyof typeof routes;

/** Subpackage roots: WeChat downloads each one the first time one of its pages opens. */
export const subPackageRoots = ['pkg-certificate', 'pkg-account', 'pkg-apply', 'pkg-staff', 'pkg-verify'] as const;

/**
 * Roots built into the H5 portal only: the authority staff workbench is used in a browser and
 * must not ship in the mini-program (no staff sign-in there, nothing to review it by).
 */
export const portalOnlyRoots: readonly string[] = ['pkg-staff'];

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
export const allPagePaths: string[] = [
  ...pagePaths,
  ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
];

/** `subPackages` of one build (`TARO_ENV`): only the H5 portal gets the portal-only roots. */
export function subPackagesFor(platform: string | undefined): { root: string; pages: string[] }[] {
  return subPackages.filter((sub) => platform === 'h5' || !portalOnlyRoots.includes(sub.root));
}

/** Every page of one build, main package first. */
export function pagePathsFor(platform: string | undefined): string[] {
  return [...pagePaths, ...subPackagesFor(platform).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
}
