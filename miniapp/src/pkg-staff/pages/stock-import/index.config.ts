export default definePageConfig({
  navigationBarTitleText: '存量导入',
});
