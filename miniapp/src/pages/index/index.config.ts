export default definePageConfig({
  navigationBarTitleText: '我的证照',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
