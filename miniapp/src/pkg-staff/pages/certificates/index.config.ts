export default definePageConfig({ navigationBarTitleText: '证照状态' });
