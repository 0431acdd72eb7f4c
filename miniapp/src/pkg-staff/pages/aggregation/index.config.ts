export default definePageConfig({
  navigationBarTitleText: '数据归集',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
