import type Router from '@koa/router';
import { DATABASE_RETRY_AFTER_SECONDS, databaseOutage } from '../../db/outage';
import type { Db } from '../../db/unit-of-work';
import { createHealthRepo } from './health.repo';

/** What the probes need: the database to ping and its kind to report. */
export type HealthDeps = { prisma: Db; databaseKind: string };

/**
 * /healthz: the process is up (for restarts). /readyz: the database answers and we are
 * not shutting down (for load balancers); 503 otherwise. Its ping is also what notices the
 * database is back, so the outage log gets its closing line.
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
      databaseOutage.reachable(ctx.state.log);
      ctx.body = { status: 'ready', database: deps.databaseKind };
    } catch (err) {
      // Probes poll every few seconds for as long as the outage lasts: logged once per interval.
      databaseOutage.unavailable(ctx.state.log, err, { probe: 'readyz' });
      ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      ctx.status = 503;
      ctx.body = { status: 'database-unreachable', database: deps.databaseKind };
    }
  });
}
