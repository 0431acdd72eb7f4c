export default definePageConfig({
  navigationBarTitleText: '审核详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
