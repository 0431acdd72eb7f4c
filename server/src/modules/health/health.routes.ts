import type Router from '@koa/router';
import type { Db } from '../../db/unit-of-work';
import { createHealthRepo } from './health.repo';

/** What the probes need: the database to ping and its kind to report. */
export type HealthDeps = { prisma: Db; databaseKind: string };

/**
 * /healthz: the process is up (for restarts). /readyz: the database answers and we are
 * not shutting down (for load balancers); 503 otherwise.
 */
export function healthRoutes(router: Router, deps: HealthDeps, isShuttingDown: () => boolean) {
  const health = createHealthRepo(deps.prisma);
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
      await health.ping();
      ctx.body = { status: 'ready', database: deps.databaseKind };
    } catch (err) {
      ctx.state.log.warn({ err }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = { status: 'database-unreachable', database: deps.databaseKind };
    }
  });
}
