export default definePageConfig({
  navigationBarTitleText: '补正审核详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
