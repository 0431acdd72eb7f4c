import { pagePaths } from './lib/routes';

export default defineAppConfig({
  pages: pagePaths,
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f4f7',
    navigationBarBackgroundColor: '#1f4e9c',
    navigationBarTitleText: '道路运输电子证照',
    navigationBarTextStyle: 'white',
  },
});
