export default definePageConfig({
  navigationBarTitleText: '补充信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
