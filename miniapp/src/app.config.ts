import { pagePaths, subPackagesFor } from './lib/routes';

export default defineAppConfig({
  pages: pagePaths,
  // The staff workbench (pkg-staff) is portal-only: the weapp build leaves it out.
  subPackages: subPackagesFor(process.env.TARO_ENV),
  // Start downloading the subpackages once the wallet shows, so 激活 / 我的 open without a wait.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pkg-certificate', 'pkg-account'] },
    // The business buttons (换领 / 补发 / 延续) are on the certificate page: fetch their package from there.
    'pkg-certificate/pages/detail/index': { network: 'all', packages: ['pkg-apply'] },
  },
  // WeChat privacy authorisation (用户隐私保护指引) via onNeedPrivacyAuthorization.
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f4f7',
    navigationBarBackgroundColor: '#1f4e9c',
    navigationBarTitleText: '道路运输电子证照',
    navigationBarTextStyle: 'white',
  },
});
