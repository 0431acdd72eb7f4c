import { pagePaths, subPackages } from './lib/routes';

export default defineAppConfig({
  pages: pagePaths,
  subPackages,
  // Start downloading the subpackages once the wallet shows, so 激活 / 我的 open without a wait.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pkg-certificate', 'pkg-account'] },
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
