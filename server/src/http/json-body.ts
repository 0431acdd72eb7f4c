import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import bourne from '@hapi/bourne';
import type { Context, Next } from 'koa';
import { AppError } from '../errors';
import { decodeUtf8 } from './input-rules';

/**
 * JSON request bodies, for Koa and the fast routes alike: at most `limit` bytes (after
 * decompression), UTF-8 checked byte for byte (input-rules.ts), strict JSON (an object or
 * an array at the top level) with prototype poisoning (`__proto__` keys) refused. This is
 * what @koa/bodyparser + co-body did, except that they replaced bytes that are not UTF-8
 * with U+FFFD and let the request through.
 */

/** The client closed the connection mid-body: nothing to answer. */
export const clientGone = Symbol('client gone');

/** co-body's strict mode: an object or an array, nothing else at the top level. */
// eslint-disable-next-line no-control-regex -- JSON whitespace is exactly these control characters
const strictJson = /^[\x20\x09\x0a\x0d]*[[{]/;

/** Text of a JSON body as a value; an empty body is `{}` (the route's schema says what is missing). */
export function parseJson(text: string): unknown {
  if (text === '') return {};
  try {
    if (!strictJson.test(text)) throw new SyntaxError('only an object or an array');
    return bourne.parse(text, { protoAction: 'error' });
  } catch (err) {
    throw new AppError('MALFORMED_JSON', { cause: err });
  }
}

/** Every byte of `stream`, at most `limit` (a larger declared length is refused before reading). */
export function readBytes(stream: Readable, limit: number, declaredLength?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredLength !== undefined && declaredLength > limit) {
      stream.resume();
      reject(new AppError('PAYLOAD_TOO_LARGE'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    stream.on('end', () => (size > limit ? reject(new AppError('PAYLOAD_TOO_LARGE')) : resolve(Buffer.concat(chunks))));
    stream.on('error', (err) =>
      // A corrupt gzip stream is the client's mistake; a reset socket means nobody is listening.
      reject(
        'code' in err && String(err.code).startsWith('Z_')
          ? new AppError('MALFORMED_JSON', { cause: err })
          : clientGone,
      ),
    );
  });
}

const parsedMethods = new Set(['POST', 'PUT', 'PATCH']);

/** Koa middleware: sets ctx.request.body for JSON requests (others keep it undefined). */
export function jsonBody(options: { limit: number }) {
  return async (ctx: Context, next: Next) => {
    if (!parsedMethods.has(ctx.method) || !ctx.request.is('json', '+json')) return next();
    const encoding = (ctx.get('content-encoding') || 'identity').toLowerCase();
    const declared = ctx.get('content-length');
    let stream: Readable = ctx.req;
    if (encoding === 'gzip') stream = ctx.req.pipe(createGunzip());
    else if (encoding === 'deflate') stream = ctx.req.pipe(createInflate());
    else if (encoding !== 'identity') throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '不支持的内容编码' });
    const bytes = await readBytes(
      stream,
      options.limit,
      encoding === 'identity' && declared ? Number(declared) : undefined,
    ).catch((err: unknown) => {
      // Nobody is left to read the answer; not worth an error-level log line either.
      throw err === clientGone ? new AppError('MALFORMED_JSON') : err;
    });
    (ctx.request as { body?: unknown }).body = parseJson(decodeUtf8(bytes));
    await next();
  };
}
