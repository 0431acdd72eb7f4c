export default definePageConfig({
  navigationBarTitleText: '数据合规',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
