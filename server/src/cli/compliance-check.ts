import { chinaToday } from '@roadcert/shared';
import { loadConfig } from '../config';
import { createContainer } from '../container';
import { openDatabase } from '../db/database';
import { loadKeyMaterial } from '../lib/key-material';
import { createLogger } from '../lib/logger';

/**
 * `npm run compliance:check`: the full batch check over the stock (全量校验) in a process of its
 * own — the same run as the nightly job and 立即全量校验 (modules/compliance/batch.ts), for a
 * provincial cron or a first check after a large import. The npm script caps the old-generation
 * heap at 160 MB: the run holds only the pages in flight, and a capped heap keeps the process
 * under 300 MB at a million certificates (docs/compliance.md, "Measured"). Prints the result;
 * exits 0 when the run finished, 1 when it failed or another run was in progress, 2 when it
 * could not start. With the embedded database, stop the service first.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger('warn');
  const keys = await loadKeyMaterial(config, logger);
  const database = await openDatabase(config.database);
  try {
    const { compliance } = createContainer({ config, logger, database, keys });
    const today = chinaToday();
    const run = await compliance.batch.start(null, today);
    const summary = await compliance.batch.execute(run.id, today);
    if (!summary) {
      console.log(`compliance run ${run.id} failed (see the log)`);
      process.exitCode = 1;
      return;
    }
    const done = await compliance.runs.run(run.id);
    const rate = done && done.total > 0 ? ((100 * done.compliant) / done.total).toFixed(2) : '—';
    console.log(
      `compliance run ${run.id}: ${summary.read} certificates read, ${done?.compliant ?? 0} / ${done?.total ?? 0} in scope compliant (${rate} %), ${summary.perSecond}/s`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error('compliance:check could not run:', err instanceof Error ? err.message : err);
  process.exit(err instanceof Error && 'code' in err && err.code === 'CONFLICT' ? 1 : 2);
});
