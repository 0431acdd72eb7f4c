export default definePageConfig({
  navigationBarTitleText: '证照分享',
});
