import type Router from '@koa/router';
import type { AppDeps } from '../../app';

/**
 * /healthz: the process is up (for restarts). /readyz: the database answers and we are
 * not shutting down (for load balancers); 503 otherwise.
 */
export function healthRoutes(router: Router, deps: AppDeps, isShuttingDown: () => boolean) {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    if (isShuttingDown()) {
      ctx.status = 503;
      ctx.body = { status: 'shutting-down' };
      return;
    }
    try {
      await deps.prisma.$queryRaw`SELECT 1`;
      ctx.body = { status: 'ready', database: deps.databaseKind };
    } catch (err) {
      ctx.state.log.warn({ err }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = { status: 'database-unreachable', database: deps.databaseKind };
    }
  });
}
