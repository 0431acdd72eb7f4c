export default definePageConfig({
  navigationBarTitleText: '证照查询',
});
