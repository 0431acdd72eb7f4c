import Koa from 'koa';
import Router from '@koa/router';
import type { Container } from './container';
import { errorHandler } from './middleware/error-handler';
import { requestContext, securityHeaders } from './middleware/request-context';
import { createRouteTable } from './http/route';
import { jsonBody } from './http/json-body';
import { withFastRoutes } from './http/fast-routes';
import { buildOpenApiDocument } from './http/openapi';
import { createMetrics } from './http/metrics';
import {
  auditActor,
  authRoutes,
  devSmsOutboxRoutes,
  faceVerificationRoutes,
  identityRoutes,
  requireAccount,
  requireHolder,
  requireStaff,
  sessionRoutes,
} from './modules/account';
import { staffRoutes } from './modules/staff';
import { certificateRoutes } from './modules/certificates';
import { operatorRoutes } from './modules/operators';
import { healthRoutes } from './modules/health';
import { portal } from './modules/portal';
import { photoRoutes } from './modules/photos';
import { applicationRoutes } from './modules/applications';
import { fileRoutes } from './modules/files';
import { complianceRoutes } from './modules/compliance';
import { aggregationRoutes } from './modules/aggregation';
import { usageRoutes } from './modules/usage';
import { stockRoutes } from './modules/stock';
import { lookupRoutes } from './modules/lookup';
import { partnerRoutes } from './modules/partners';
import { shareLinkRoutes, shareRoutes } from './modules/shares';
import { presentationRoutes } from './modules/presentation';
import { reminderRoutes } from './modules/reminders';
import { certificateFileRoutes } from './modules/certificate-file';

const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The HTTP application over the container (container.ts): middleware, every module's routes,
 * the OpenAPI document, and the fast verify path in front of Koa.
 */
export function createApp(deps: Container) {
  let shuttingDown = false;
  // With TRUST_PROXY (one reverse proxy in front), ctx.ip is the address that proxy saw (the
  // last X-Forwarded-For entry), not a client-supplied first entry; without it the header is
  // ignored, so nobody can dodge the per-IP limits (SMS codes) by sending one.
  const app = new Koa({ proxy: deps.config.trustProxy, maxIpsCount: 1 });
  const router = new Router();
  const table = createRouteTable(
    router,
    {
      public: async (_ctx: unknown, next: () => Promise<unknown>) => next(),
      account: requireAccount(deps.prisma, deps.sessionTokens),
      holder: requireHolder(deps.prisma, deps.sessionTokens),
      staff: requireStaff(deps.prisma, deps.sessionTokens),
    },
    {
      // Hostile input from a signed-in caller is on record (anonymous callers are not: an
      // audit append is serialised, so it must not be theirs to trigger at will).
      onRefusedInput: async (ctx, route, part) => {
        const staff = ctx.state.staff;
        if (!staff && !ctx.state.auth) return;
        await deps.audit.record({
          ...(staff
            ? { actorKind: 'STAFF', actorId: staff.staffUserId, requestId: ctx.state.requestId }
            : auditActor(ctx.state)),
          action: 'request.input_refused',
          outcome: 'DENIED',
          detail: { route, part, reason: 'unstorable_text' },
        });
      },
    },
  );

  healthRoutes(router, deps, () => shuttingDown);
  // GET /metrics (Prometheus): default process metrics, HTTP by route template, aggregation gauges.
  const metrics = createMetrics({ token: deps.config.metrics.token });
  deps.aggregation.registerMetrics(metrics.registry);
  metrics.routes(router);
  authRoutes(table, deps);
  devSmsOutboxRoutes(table, deps);
  sessionRoutes(table, deps);
  staffRoutes(table, deps);
  certificateRoutes(table, deps);
  identityRoutes(table, deps);
  faceVerificationRoutes(table, deps);
  operatorRoutes(table, deps);
  photoRoutes(table, deps);
  applicationRoutes(table, deps);
  usageRoutes(table, deps);
  stockRoutes(table, deps);
  complianceRoutes(table, deps);
  aggregationRoutes(table, deps);
  lookupRoutes(table, deps);
  shareRoutes(table, deps);
  // Before the share links: `/s/<8-character code>` is a reminder's short link, longer ones pass on.
  reminderRoutes(table, router, deps);
  shareLinkRoutes(router);
  const presentation = presentationRoutes(table, router, deps);
  partnerRoutes(table, deps);
  certificateFileRoutes(table, deps);
  if (deps.storage.driver === 'local') fileRoutes(router, table.registry, deps);
  const openapi = buildOpenApiDocument(table.registry, deps.config.publicBaseUrl);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  app.use(metrics.koa);
  app.use(requestContext(deps.logger));
  app.use(async (ctx, next) => {
    ctx.set(securityHeaders);
    await next();
  });
  app.use(errorHandler);
  app.use(jsonBody({ limit: JSON_BODY_LIMIT_BYTES }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(portal(deps.config.portalDir));

  // What main and the tests hand to http.createServer: the fast routes, then Koa.
  const listener = metrics.wrap(
    withFastRoutes(presentation.fastRoutes, app.callback(), {
      logger: deps.logger,
      bodyLimitBytes: JSON_BODY_LIMIT_BYTES,
      trustProxy: deps.config.trustProxy,
    }),
    presentation.fastRoutes.map((r) => r.path),
  );

  return {
    listener,
    openapi,
    usageLog: deps.usageLog,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}
