import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import serve from 'koa-static';

/**
 * Serves the built H5 portal. Hashed assets are cached for a year; every other GET that
 * is not an API call and wants HTML gets index.html (the portal uses browser routing,
 * so links such as /pages/index/index open directly).
 */
export function portal(dir: string) {
  const index = path.join(dir, 'index.html');
  // brotli/gzip: the .br/.gz files scripts/precompress.mjs wrote at build time, when the browser accepts them.
  const assets = serve(dir, {
    index: false,
    maxage: 0,
    brotli: true,
    gzip: true,
    setHeaders: (res, file) => {
      res.setHeader('Vary', 'Accept-Encoding');
      if (/\.[0-9a-f]{8,}\.(js|css|png|svg|woff2?)(\.br|\.gz)?$/.test(file))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  return async (ctx: Context, next: Next) => {
    if (ctx.path.startsWith('/api/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    await assets(ctx, async () => undefined);
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (!ctx.accepts('html')) return next();
    if (!existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body =
        '门户页面尚未构建。请运行 npm start（会自动构建），或 npm run prepare:app。\nThe H5 portal is not built: run `npm run prepare:app`.';
      return;
    }
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    await serve(dir, { index: 'index.html' })(Object.assign(ctx, { path: '/' }), next);
  };
}
