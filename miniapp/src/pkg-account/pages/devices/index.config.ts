export default definePageConfig({
  navigationBarTitleText: '我的设备',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
