export default definePageConfig({
  navigationBarTitleText: '分享证照',
  // 发送给微信好友 on the result hands WeChat this page's share message.
  enableShareAppMessage: true,
});
