export default definePageConfig({
  navigationBarTitleText: '亮证',
  // Black bar, white page: nothing competes with the QR.
  navigationBarBackgroundColor: '#1a1a1a',
  navigationBarTextStyle: 'white',
  backgroundColor: '#ffffff',
});
