import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import bourne from '@hapi/bourne';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { Logger } from '../lib/logger';
import { errorResponse } from '../middleware/error-handler';
import { requestIdFrom, securityHeaders } from '../middleware/request-context';

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
 * headers, the body limit, strict JSON with prototype-poisoning refused (as co-body), the
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
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFastRoute = FastRoute<any, any>;

export const fastRoute = <B extends z.ZodType, R extends z.ZodType>(route: FastRoute<B, R>): AnyFastRoute => route;

const plainJson = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
/** co-body's strict mode: an object or an array, nothing else at the top level. */
// eslint-disable-next-line no-control-regex -- JSON whitespace is exactly these control characters
const strictJson = /^[\x20\x09\x0a\x0d]*[[{]/;

/** Wraps Koa's request listener: matching plain requests are answered here, the rest by Koa. */
export function withFastRoutes(
  routes: AnyFastRoute[],
  next: RequestListener,
  options: { logger: Logger; bodyLimitBytes: number },
): RequestListener {
  const byPath = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  const { logger, bodyLimitBytes } = options;

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
      const text = await readBody(req, bodyLimitBytes);
      payload = route.response.parse(await route.handler(route.body.parse(parseJson(text))));
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

/** The client closed the connection mid-body: nothing to answer, nothing to log. */
const clientGone = Symbol('client gone');

function parseJson(text: string): unknown {
  if (text === '') return {};
  try {
    if (!strictJson.test(text)) throw new SyntaxError('only an object or an array');
    return bourne.parse(text, { protoAction: 'error' });
  } catch (err) {
    throw new AppError('MALFORMED_JSON', { cause: err });
  }
}

/** The body as utf-8, at most `limit` bytes (a larger Content-Length is refused before reading). */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new AppError('PAYLOAD_TOO_LARGE'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit ? reject(new AppError('PAYLOAD_TOO_LARGE')) : resolve(Buffer.concat(chunks, size).toString('utf8')),
    );
    req.on('error', () => reject(clientGone));
  });
}
