import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Logger } from '../lib/logger';
import { errorResponse } from '../middleware/error-handler';
import { requestIdFrom, securityHeaders } from '../middleware/request-context';
import { decodeUtf8, refuseUnstorable } from './input-rules';
import { clientGone, parseJson, readBytes } from './json-body';

/**
 * The anonymous side of a hot public JSON route, served straight from node:http in front of
 * Koa. The route itself stays declared in the route table (OpenAPI, validation, the
 * credentialed path); this only takes the plain case, the one every phone camera sends:
 * POST, exact path, `Content-Type: application/json` (utf-8), no Authorization, no
 * Content-Encoding. Anything else goes to Koa untouched, so both paths answer alike.
 *
 * Why: Koa, its router over ~90 routes and the middleware chain cost more per request than
 * an SM2 check (docs/presentation-token.md, "Measured"); the verify endpoint is the one
 * route whose volume makes that matter.
 *
 * Same contract as the Koa path: X-Request-Id (taken when well-formed), the security
 * headers, the body limit, the input rules (UTF-8, no U+0000: input-rules.ts), strict JSON with
 * prototype poisoning refused (json-body.ts, shared with Koa), the
 * zod body and response schemas (undeclared fields stripped), the error body shape and
 * codes (errorResponse), one access-log line with method, route, status and duration.
 */
export type FastRoute<B extends z.ZodType, R extends z.ZodType> = {
  method: 'POST';
  path: string;
  body: B;
  response: R;
  /** Extra headers of a successful response (e.g. Cache-Control), as the Koa handler sets them. */
  headers?: Record<string, string>;
  handler: (body: z.infer<B>) => Promise<z.input<R>>;
  /** A rate limit by client IP, checked before the body is read; throws the AppError to answer (429). */
  limit?: (ip: string) => Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFastRoute = FastRoute<any, any>;

export const fastRoute = <B extends z.ZodType, R extends z.ZodType>(route: FastRoute<B, R>): AnyFastRoute => route;

const plainJson = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;

/** Wraps Koa's request listener: matching plain requests are answered here, the rest by Koa. */
export function withFastRoutes(
  routes: AnyFastRoute[],
  next: RequestListener,
  options: { logger: Logger; bodyLimitBytes: number; trustProxy?: boolean },
): RequestListener {
  const byPath = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  const { logger, bodyLimitBytes } = options;
  const trustProxy = options.trustProxy ?? false;

  return (req, res) => {
    const route = byPath.get(`${req.method} ${req.url}`);
    const h = req.headers;
    if (
      !route ||
      h.authorization !== undefined ||
      h['content-encoding'] !== undefined ||
      !plainJson.test(h['content-type'] ?? '')
    )
      return next(req, res);
    void serve(route, req, res);
  };

  async function serve(route: AnyFastRoute, req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined);
    let status = 200;
    let payload: unknown;
    try {
      if (route.limit) await route.limit(clientIp(req, trustProxy));
      const declared = req.headers['content-length'];
      const bytes = await readBytes(req, bodyLimitBytes, declared ? Number(declared) : undefined);
      // The same body rules as the Koa path (json-body.ts, route.ts): UTF-8, strict JSON, no U+0000.
      const body = parseJson(decodeUtf8(bytes));
      refuseUnstorable(body, 'body');
      payload = route.response.parse(await route.handler(route.body.parse(body)));
    } catch (err) {
      if (err === clientGone) return void res.destroy();
      const mapped = errorResponse(err, requestId, logger);
      status = mapped.status;
      payload = mapped.body;
      if (mapped.body.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(mapped.body.retryAfterSeconds));
    }
    const json = JSON.stringify(payload);
    res.writeHead(status, {
      ...securityHeaders,
      ...(status === 200 ? route.headers : undefined),
      'X-Request-Id': requestId,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    });
    res.end(json);
    logger[status >= 500 ? 'error' : 'info'](
      { requestId, method: route.method, route: route.path, status, ms: Math.round(performance.now() - started) },
      'request',
    );
  }
}

/**
 * The client's IP as Koa reads it for the same app (`proxy: TRUST_PROXY`, `maxIpsCount: 1`,
 * app.ts): behind the one trusted proxy, the last X-Forwarded-For entry (the address that
 * proxy saw, not a client-supplied first entry); otherwise the socket's peer.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = typeof forwarded === 'string' ? forwarded.split(',').pop()!.trim() : '';
  return last || req.socket.remoteAddress || '';
}
