import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Config } from './config';
import type { Logger } from './lib/logger';
import type { FieldCrypto } from './lib/field-crypto';
import type { KeyMaterial } from './lib/key-material';
import type { PrismaClient } from './generated/prisma/client';
import { errorHandler } from './middleware/error-handler';
import { requestContext } from './middleware/request-context';
import { createRouteTable } from './http/route';
import { buildOpenApiDocument } from './http/openapi';
import { requireAccount, requireHolder } from './modules/session/authenticate';
import { createSessionTokens, type SessionTokens } from './modules/session/session-token';
import { demoSessionRoutes } from './modules/session/demo-session.routes';
import { certificateRoutes } from './modules/certificates/certificates.routes';
import { healthRoutes } from './modules/health/health.routes';
import { portal } from './modules/portal/portal';
import { createFieldCrypto } from './lib/field-crypto';

/** Everything the app needs from outside, so tests can swap any of it. */
export type AppDeps = {
  config: Config;
  logger: Logger;
  prisma: PrismaClient;
  databaseKind: string;
  keys: KeyMaterial;
  fieldCrypto: FieldCrypto;
  sessionTokens: SessionTokens;
};

/** Derives the key-bound helpers from key material (one place, used by main and tests). */
export function deriveKeyedServices(keys: KeyMaterial) {
  return {
    fieldCrypto: createFieldCrypto({ encryptionKey: keys.encryptionKey, blindIndexKey: keys.blindIndexKey }),
    sessionTokens: createSessionTokens(keys.sessionTokenKey),
  };
}

export function createApp(deps: AppDeps) {
  let shuttingDown = false;
  const app = new Koa({ proxy: true });
  const router = new Router();
  const table = createRouteTable(router, {
    public: async (_ctx: unknown, next: () => Promise<unknown>) => next(),
    account: requireAccount(deps.prisma, deps.sessionTokens),
    holder: requireHolder(deps.prisma, deps.sessionTokens),
  });

  healthRoutes(router, deps, () => shuttingDown);
  demoSessionRoutes(table, deps);
  certificateRoutes(table, deps);
  const openapi = buildOpenApiDocument(table.registry, deps.config.publicBaseUrl);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  app.use(requestContext(deps.logger));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    await next();
  });
  app.use(errorHandler);
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(portal(deps.config.portalDir));

  return { app, openapi, beginShutdown: () => { shuttingDown = true; } };
}
