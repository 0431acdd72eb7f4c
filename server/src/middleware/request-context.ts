import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../lib/logger';

const incomingId = /^[A-Za-z0-9_-]{8,64}$/;

/** The client's X-Request-Id when well-formed (8–64 of A–Z a–z 0–9 _ -), else a new UUID. */
export const requestIdFrom = (header: string | undefined) =>
  header && incomingId.test(header) ? header : randomUUID();

/** Sent with every response, by the app and by http/fast-routes. */
export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

/**
 * Request id (accepted from X-Request-Id when well-formed, else generated), a child
 * logger, and one access-log line per request: method, matched route or path without
 * query string, status, duration. No bodies, no query strings, no headers.
 */
export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const requestId = requestIdFrom(ctx.get('x-request-id'));
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
        ctx.state.log[level](
          { method: ctx.method, route, status: ctx.status, ms: Math.round(performance.now() - started) },
          'request',
        );
      }
    }
  };
}
