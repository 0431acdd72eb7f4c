import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * GET /metrics for operators (Prometheus text format, prom-client; docs/aggregation.md "Metrics"):
 * the process's default metrics, HTTP requests by method, route template and status, and whatever
 * modules register (the aggregation gauges). With METRICS_TOKEN set (required in production) it
 * answers only `Authorization: Bearer <token>`; on the embedded default without one it is open.
 *
 * Labels never carry a raw path: a Koa request is labelled with its route template
 * (`/api/v1/certificates/:id`), a fast route with its fixed path, anything else `unmatched`
 * (static portal files: `portal`) — no ids, tokens or personal data reach the label values.
 */
export function createMetrics(options: { token: string | null }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'];
  const requests = new Counter({
    name: 'roadcert_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roadcert_http_request_duration_seconds',
    help: 'HTTP request duration (until the answer is written), by method, route template and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  /** The route template Koa matched, per request (read when the answer is finished). */
  const templates = new WeakMap<IncomingMessage, string>();
  const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

  const expected = options.token ? createHash('sha256').update(options.token).digest() : null;
  const authorised = (header: string | undefined) => {
    if (!expected) return true;
    const m = /^Bearer (.+)$/.exec(header ?? '');
    return m !== null && timingSafeEqual(createHash('sha256').update(m[1]!).digest(), expected);
  };

  return {
    registry,
    /** Koa middleware (outermost): notes the matched route template for the listener wrapper. */
    koa: (async (ctx, next) => {
      try {
        await next();
      } finally {
        const matched = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
        templates.set(
          ctx.req,
          typeof matched === 'string' ? matched : ctx.path.startsWith('/api/') ? 'unmatched' : 'portal',
        );
      }
    }) satisfies Middleware,
    /** Wraps the node:http listener: counts every request, the fast routes' too, when its answer is finished. */
    wrap(listener: RequestListener, fastPaths: string[]): RequestListener {
      const fast = new Set(fastPaths);
      return (req, res) => {
        const started = process.hrtime.bigint();
        res.once('finish', () => {
          const path = (req.url ?? '').split('?')[0]!;
          const route = templates.get(req) ?? (fast.has(path) ? path : 'unmatched');
          const labels = {
            method: methods.has(req.method ?? '') ? req.method! : 'OTHER',
            route,
            status: String(res.statusCode),
          };
          requests.inc(labels);
          duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        });
        listener(req, res);
      };
    },
    routes(router: Router) {
      router.get('/metrics', async (ctx) => {
        if (!authorised(ctx.get('authorization') || undefined)) {
          ctx.status = 401;
          ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
          ctx.body = 'metrics need the Bearer token (METRICS_TOKEN)\n';
          return;
        }
        ctx.set('Content-Type', registry.contentType);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await registry.metrics();
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
