/**
 * The only module that reads build-time environment (`TARO_APP_*`). Each variable is read by its
 * full `process.env.X` expression so webpack's DefinePlugin can replace it; never destructure.
 */
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export const appConfig = {
  /** API origin; '' means same origin (H5 served by the Koa server). */
  apiBase: withoutTrailingSlash(process.env.TARO_APP_API_BASE ?? ''),
  /** Requests give up after this long and surface as a network failure. */
  requestTimeoutMs: 15_000,
} as const;
