export default definePageConfig({
  navigationBarTitleText: '信息待补充',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
