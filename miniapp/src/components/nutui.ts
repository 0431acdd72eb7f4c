/**
 * The NutUI components this app uses, imported one by one with their own stylesheet, so the
 * weapp main package carries only these (no full 230 KB `dist/style.css`, no babel-plugin-import).
 * Import NutUI from here only; add a component by adding its pair of lines.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export type { ButtonProps } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton';
