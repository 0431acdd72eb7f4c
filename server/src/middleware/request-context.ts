import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../lib/logger';

const incomingId = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Request id (accepted from X-Request-Id when well-formed, else generated), a child
 * logger, and one access-log line per request: method, matched route or path without
 * query string, status, duration. No bodies, no query strings, no headers.
 */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const header = ctx.get('x-request-id');
    const requestId = incomingId.test(header) ? header : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? ctx.path;
      const level = ctx.status >= 500 ? 'error' : 'info';
      if (!ctx.path.startsWith('/assets/')) {
        ctx.state.log[level]({ method: ctx.method, route, status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
      }
    }
  };
}
