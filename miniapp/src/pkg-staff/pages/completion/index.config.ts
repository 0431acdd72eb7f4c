export default definePageConfig({
  navigationBarTitleText: '补正审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
