export default definePageConfig({
  navigationBarTitleText: '企业账号与员工授权',
});
