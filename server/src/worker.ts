import { loadConfigOrExit } from './config';
import { createContainer } from './container';
import { openDatabase } from './db/database';
import { loadKeyMaterial } from './lib/key-material';
import { createLogger } from './lib/logger';

/**
 * `npm run worker`: the aggregation worker (数据归集) as a process of its own, for production
 * with AGGREGATION_WORKER=off on the servers. Several may run at once: they claim certificates with
 * FOR UPDATE SKIP LOCKED and a lease each (docs/aggregation.md). Needs PostgreSQL (DATABASE_URL):
 * the embedded PGlite belongs to the server process. Without MINISTRY_URL (not in production) it
 * sends to a local receiver stand-in of its own.
 */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.database.kind !== 'postgres') {
    logger.error('npm run worker needs DATABASE_URL (PostgreSQL); on the embedded default the server runs the worker');
    process.exit(78);
  }
  const keys = await loadKeyMaterial(config, logger);
  const database = await openDatabase(config.database, { logger });
  const container = createContainer({ config, logger, database, keys });
  await container.aggregation.start({ runWorker: true });
  logger.info({ target: container.aggregation.target() }, 'aggregation worker process up');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'aggregation worker stopping');
    await container.aggregation.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error('aggregation worker failed to start:', err);
  process.exit(1);
});
