import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Hand-written Taro 4 config (no `taro init`). Builds land in dist/weapp and dist/h5 so the
 * WeChat project (root project.config.json) and the Koa static handler each point at their own.
 */

/** `@roadcert/shared` ships TypeScript source and zod ships ES2020+; Taro's babel skips
 *  node_modules by default, so both are compiled explicitly (shared resolves to its real path). */
const compileInclude = [
  path.resolve(__dirname, '../../shared/src'),
  (file: string) => /node_modules[\\/]zod[\\/]/.test(file),
];

/**
 * npm installs @tarojs/plugin-framework-react under miniapp/node_modules while @tarojs/taro-h5 is
 * hoisted to the root, and taro-h5 imports it — so it is aliased to wherever it actually is.
 */
const alias = {
  '@tarojs/plugin-framework-react': path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json')),
};

/**
 * NutUI React Taro's styles are written for a 375-wide design. We write ours at 375 as well, so
 * `16px` in our SCSS is 16 CSS px on a 375-wide screen (rpx on weapp, rem on H5) and there is
 * no per-file designWidth switch to get wrong.
 */
const designWidth = 375;
const deviceRatio = { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 };

/** Build-time default for the API origin: H5 is served by the Koa server itself (same origin). */
function apiBase(): string {
  const fromShell = process.env.TARO_APP_API_BASE;
  if (fromShell !== undefined) return fromShell;
  return process.env.TARO_ENV === 'h5' ? '' : 'http://localhost:3000';
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'roadcert',
    date: '2026-11-27',
    designWidth,
    deviceRatio,
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets parallel work build elsewhere (serve it with PORTAL_DIR); default dist/<env>.
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
    plugins: [],
    alias,
    env: { TARO_APP_API_BASE: JSON.stringify(apiBase()) },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: compileInclude },
      // Our class names are feature-scoped (BEM), so stylesheet order across pages does not
      // matter; without this, pages importing the same sheets in different orders warn.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      imageUrlLoaderOption: { limit: 4096, name: 'static/images/[name].[hash:8].[ext]' },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy
        // of zod and NutUI; sharing across async chunks too keeps one copy.
        const splitChunks = chain.optimization.get('splitChunks') as Record<string, unknown>;
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Root font follows the screen up to a 480-px column, so desktop browsers get a phone-sized
        // portal instead of giant text; baseFontSize is pinned because it otherwise follows minRootSize.
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 16, maxRootSize: 25.6 } },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
