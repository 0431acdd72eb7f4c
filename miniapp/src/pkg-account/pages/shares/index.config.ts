export default definePageConfig({
  navigationBarTitleText: '我的分享',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
