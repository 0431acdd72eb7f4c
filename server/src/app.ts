import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Config } from './config';
import type { Logger } from './lib/logger';
import type { FieldCrypto } from './lib/field-crypto';
import type { KeyMaterial } from './lib/key-material';
import type { PrismaClient } from './generated/prisma/client';
import type { Sql } from './db/database';
import { errorHandler } from './middleware/error-handler';
import { requestContext, securityHeaders } from './middleware/request-context';
import { createRouteTable } from './http/route';
import { withFastRoutes } from './http/fast-routes';
import { buildOpenApiDocument } from './http/openapi';
import { requireAccount, requireHolder, requireStaff } from './modules/session/authenticate';
import { createSessionTokens, type SessionTokens } from './modules/session/session-token';
import { sessionRoutes } from './modules/session/sessions.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { devSmsOutboxRoutes } from './modules/auth/dev-sms-outbox.routes';
import { staffRoutes } from './modules/staff/staff.routes';
import type { SmsProvider } from './adapters/sms';
import type { WechatClient } from './adapters/wechat';
import { certificateRoutes } from './modules/certificates/certificates.routes';
import { identityRoutes } from './modules/identity/identity.routes';
import { faceVerificationRoutes } from './modules/face/face-verifications.routes';
import type { FaceVerificationProvider } from './modules/face/face-verification-provider';
import { operatorRoutes } from './modules/operators/operators.routes';
import { healthRoutes } from './modules/health/health.routes';
import { portal } from './modules/portal/portal';
import type { ObjectStorage } from './adapters/storage';
import type { ImagePipeline } from './adapters/image';
import { photoRoutes } from './modules/photos/photos.routes';
import { applicationRoutes } from './modules/applications/applications.routes';
import { fileRoutes } from './modules/files/files.routes';
import { createFieldCrypto } from './lib/field-crypto';
import { createUsageLog, sqlUsageStore, type UsageLog } from './modules/usage/usage-log';
import { usageRoutes } from './modules/usage/usage.routes';
import { lookupRoutes } from './modules/lookup/lookup.routes';
import { partnerRoutes } from './modules/partners/partners.routes';
import { shareLinkRoutes, shareRoutes } from './modules/shares/shares.routes';
import { presentationRoutes } from './modules/presentation/presentation.routes';

/** Everything the app needs from outside, so tests can swap any of it. */
export type AppDeps = {
  config: Config;
  logger: Logger;
  prisma: PrismaClient;
  /** The same pool's raw SQL (db/database.ts Sql): hot statements only. */
  sql: Sql;
  databaseKind: string;
  keys: KeyMaterial;
  fieldCrypto: FieldCrypto;
  sessionTokens: SessionTokens;
  /** Face verification (createFaceVerificationProvider: WeChat, or the local stand-in). */
  face: FaceVerificationProvider;
  /** SMS (createSmsProvider: Alibaba Cloud, or the console stand-in). */
  sms: SmsProvider;
  /** WeChat mini-program APIs; null when WECHAT_APP_ID is not configured. */
  wechat: WechatClient | null;
  /** Private object storage (createObjectStorage: local folder or Alibaba Cloud OSS). */
  storage: ObjectStorage;
  /** Photo processing (createImagePipeline: sharp, bounded concurrency). */
  images: ImagePipeline;
  /** 用证记录 writer (batched); createApp makes one when not given. */
  usageLog?: UsageLog;
};

/** What route modules get: the deps plus the services createApp owns. */
export type AppServices = AppDeps & { usageLog: UsageLog };

/** Derives the key-bound helpers from key material (one place, used by main and tests). */
export function deriveKeyedServices(keys: KeyMaterial) {
  return {
    fieldCrypto: createFieldCrypto({ encryptionKey: keys.encryptionKey, blindIndexKey: keys.blindIndexKey }),
    sessionTokens: createSessionTokens(keys.sessionTokenKey),
  };
}

const JSON_BODY_LIMIT_BYTES = 256 * 1024;

export function createApp(deps: AppDeps) {
  let shuttingDown = false;
  const services: AppServices = {
    ...deps,
    usageLog: deps.usageLog ?? createUsageLog({ store: sqlUsageStore(deps.sql), logger: deps.logger }),
  };
  // With TRUST_PROXY (one reverse proxy in front), ctx.ip is the address that proxy saw (the
  // last X-Forwarded-For entry), not a client-supplied first entry; without it the header is
  // ignored, so nobody can dodge the per-IP limits (SMS codes) by sending one.
  const app = new Koa({ proxy: deps.config.trustProxy, maxIpsCount: 1 });
  const router = new Router();
  const table = createRouteTable(router, {
    public: async (_ctx: unknown, next: () => Promise<unknown>) => next(),
    account: requireAccount(deps.prisma, deps.sessionTokens),
    holder: requireHolder(deps.prisma, deps.sessionTokens),
    staff: requireStaff(deps.prisma, deps.sessionTokens),
  });

  healthRoutes(router, deps, () => shuttingDown);
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
  usageRoutes(table, services);
  lookupRoutes(table, services);
  shareRoutes(table, services);
  shareLinkRoutes(router);
  const presentation = presentationRoutes(table, router, services);
  partnerRoutes(table, services, presentation.keyring);
  if (deps.storage.driver === 'local') fileRoutes(router, table.registry, deps);
  const openapi = buildOpenApiDocument(table.registry, deps.config.publicBaseUrl);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });

  app.use(requestContext(deps.logger));
  app.use(async (ctx, next) => {
    ctx.set(securityHeaders);
    await next();
  });
  app.use(errorHandler);
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT_BYTES, encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(portal(deps.config.portalDir));

  // What main and the tests hand to http.createServer: the fast routes, then Koa.
  const listener = withFastRoutes(presentation.fastRoutes, app.callback(), {
    logger: deps.logger,
    bodyLimitBytes: JSON_BODY_LIMIT_BYTES,
  });

  return {
    listener,
    openapi,
    usageLog: services.usageLog,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}
