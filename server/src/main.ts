import { once } from 'node:events';
import { createServer } from 'node:http';
import { loadConfigOrExit } from './config';
import { createLogger } from './lib/logger';
import { loadKeyMaterial } from './lib/key-material';
import { openDatabase } from './db/database';
import { createApp } from './app';
import { createContainer } from './container';
import { chinaToday } from '@roadcert/shared';
import { seedDemoDataOnce } from './seed/seed';
import { ensureDemoPartner } from './modules/partners';

/** Starts the whole product: config → keys → database (+migrations) → container → demo seed → HTTP. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const keys = await loadKeyMaterial(config, logger);
  const database = await openDatabase(config.database, { logger });
  const container = createContainer({ config, logger, database, keys });
  if (config.seedDemoData) {
    const seeded = await seedDemoDataOnce(database.prisma, container.fieldCrypto, new Date(), keys);
    if (seeded) {
      logger.info(seeded, 'seeded demo data (first start)');
      // The demo stock checked once, so its holders see their tasks and the dashboard its rate at once.
      const run = await container.compliance.batch.start(null);
      await container.compliance.batch.execute(run.id, chinaToday());
    }
    await ensureDemoPartner({ prisma: database.prisma, config, logger });
  }
  const { listener, beginShutdown, usageLog } = createApp(container);
  const server = createServer(listener);
  server.keepAliveTimeout = 5_000;
  server.listen(config.port, config.host);
  await once(server, 'listening');
  // In-process, after the app serves: a job runner that fails to start must not keep the service down.
  await container.jobs.start().catch((err: unknown) => logger.error({ err }, 'background jobs did not start'));
  // 数据归集: the local receiver stand-in on the embedded default, and the worker unless AGGREGATION_WORKER=off.
  await container.aggregation
    .start({ runWorker: config.aggregation.worker === 'in-process' })
    .catch((err: unknown) => logger.error({ err }, 'aggregation did not start'));
  logger.info(
    {
      url: config.publicBaseUrl,
      database: database.kind,
      storage: config.storage.driver,
      sms: config.sms.provider,
      face: config.face.provider,
      mode: config.mode,
      aggregation: {
        target: container.aggregation.target(),
        worker: config.aggregation.worker,
        ...(container.aggregation.standIn() ? { standIn: container.aggregation.standIn()!.label } : {}),
      },
    },
    'RoadCert is up',
  );

  // Graceful shutdown: fail readiness, stop accepting, let in-flight requests finish,
  // close idle keep-alive sockets, then the database; force after 10 s.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    beginShutdown();
    const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await once(server, 'close').catch(() => undefined);
    clearTimeout(force);
    await usageLog.close(); // queued 用证记录 rows reach the database before it closes
    await container.jobs.stop(); // running jobs finish (or give up after 10 s) before the pool ends
    await container.aggregation.stop(); // batches in flight settle; leases free anything left
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error('RoadCert failed to start:', err);
  process.exit(1);
});
