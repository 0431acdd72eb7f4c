import type Router from '@koa/router';
import type { RouterMiddleware } from '@koa/router';
import type { Context } from 'koa';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type z } from 'zod';
import { errorBodySchema } from '@roadcert/shared';
import type { AuthState } from './auth-state';
import { refuseUnstorable, type InputPart } from './input-rules';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export type RouteInput<B, Q, P> = { body: Infer<B>; query: Infer<Q>; params: Infer<P> };

/** Who may call a route; the middleware for each lives in modules/account. */
export type Access = 'public' | 'account' | 'holder' | 'staff';

export type RouteDefinition<B, Q, P, R extends Schema> = {
  method: Method;
  /** Koa-router path, e.g. /api/v1/certificates/:id */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  /**
   * Documentation only, for routes whose handler authenticates by itself: the partner API
   * checks its `rk_…` key with the route's scope (modules/partners/partner-auth.ts).
   */
  authenticatedBy?: 'partnerApiKey';
  body?: B;
  /** A body that is not JSON (a multipart upload): documented here, read by the handler from ctx.req with its own limits. */
  rawBody?: { contentType: string; schema: Schema; description?: string };
  query?: Q;
  params?: P;
  response: R;
  /**
   * A response that is not JSON (a CSV download): the handler returns the body as a string
   * (`response` is then a string schema) and may set Content-Disposition itself.
   */
  responseContentType?: string;
  status?: number;
  handler: (ctx: Context & { state: AuthState }, input: RouteInput<B, Q, P>) => Promise<z.input<R>>;
};

/**
 * Declares one API route: input validation, authentication, the response contract and
 * its OpenAPI entry all from the same zod schemas. The handler returns the response
 * value; it is parsed with `response`, which strips undeclared fields, so nothing a
 * presenter forgot to remove can leave the server.
 */
export function createRouteTable(
  router: Router,
  accessMiddleware: Record<Access, RouterMiddleware>,
  options: {
    /**
     * Called when input breaks the rules every route shares (input-rules.ts), after the access
     * check: the composition root audits it for signed-in callers, so a probe with a hostile
     * id is on record even though no handler ran.
     */
    onRefusedInput?: (ctx: Context & { state: AuthState }, route: string, part: InputPart) => Promise<void>;
  } = {},
) {
  const registry = new OpenAPIRegistry();

  /** The shared input rules over every part of the request, before any schema or handler sees it. */
  async function checkInput(ctx: Context & { state: AuthState }, path: string, parts: Record<InputPart, unknown>) {
    for (const part of ['params', 'query', 'body'] as const) {
      try {
        refuseUnstorable(parts[part], part);
      } catch (err) {
        await options.onRefusedInput?.(ctx, path, part);
        throw err;
      }
    }
  }

  function route<
    B extends Schema | undefined,
    Q extends Schema | undefined,
    P extends Schema | undefined,
    R extends Schema,
  >(def: RouteDefinition<B, Q, P, R>) {
    registry.registerPath({
      method: def.method,
      path: def.path.replace(/:(\w+)/g, '{$1}'),
      summary: def.summary,
      tags: def.tags,
      security: def.authenticatedBy
        ? [{ [def.authenticatedBy]: [] }]
        : def.access === 'public'
          ? []
          : [{ bearerAuth: [] }],
      request: {
        ...(def.body ? { body: { content: { 'application/json': { schema: def.body } } } } : {}),
        ...(def.rawBody
          ? {
              body: {
                description: def.rawBody.description,
                content: { [def.rawBody.contentType]: { schema: def.rawBody.schema } },
              },
            }
          : {}),
        ...(def.query ? { query: def.query as never } : {}),
        ...(def.params ? { params: def.params as never } : {}),
      },
      responses: {
        [def.status ?? 200]: {
          description: 'OK',
          content: { [def.responseContentType ?? 'application/json']: { schema: def.response } },
        },
        default: {
          description: 'Error (stable code + Chinese message)',
          content: { 'application/json': { schema: errorBodySchema } },
        },
      },
    });
    router[def.method](def.path, accessMiddleware[def.access], async (ctx) => {
      const body = (ctx.request as { body?: unknown }).body ?? {};
      await checkInput(ctx as Context & { state: AuthState }, def.path, { params: ctx.params, query: ctx.query, body });
      const input = {
        body: def.body ? def.body.parse(body) : undefined,
        query: def.query ? def.query.parse(ctx.query) : undefined,
        params: def.params ? def.params.parse(ctx.params) : undefined,
      } as RouteInput<B, Q, P>;
      const result = await def.handler(ctx as Context & { state: AuthState }, input);
      ctx.status = def.status ?? 200;
      ctx.body = def.response.parse(result);
      if (def.responseContentType) ctx.type = def.responseContentType;
    });
  }

  return { route, registry };
}
