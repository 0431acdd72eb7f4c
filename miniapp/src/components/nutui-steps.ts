/**
 * NutUI Steps, apart from `nutui.ts` on purpose: only the application form uses it, so it stays
 * in that subpackage instead of the weapp main package every page loads.
 */
import '@nutui/nutui-react-taro/dist/es/packages/steps/style/css';

export { default as Steps } from '@nutui/nutui-react-taro/dist/es/packages/steps';
export { default as Step } from '@nutui/nutui-react-taro/dist/es/packages/step';
