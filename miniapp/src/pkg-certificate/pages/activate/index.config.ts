export default definePageConfig({
  navigationBarTitleText: '激活电子证照',
});
