import { createObjectStorage } from '../adapters/storage';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { describeVerdict, verifyAuditAgainstCheckpoints } from '../lib/audit-checkpoint';
import { loadKeyMaterial } from '../lib/key-material';
import { createLogger } from '../lib/logger';

/**
 * `npm run audit:verify`: recomputes the audit hash chain and checks it against every signed
 * checkpoint in object storage. Prints one line and exits 0 when intact, 1 at the first broken
 * link, 2 when it could not run. With the embedded database, stop the service first (PGlite
 * is one process's database).
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger('warn');
  const keys = await loadKeyMaterial(config, logger);
  const database = await openDatabase(config.database);
  try {
    const storage = createObjectStorage(config, keys);
    const verdict = await verifyAuditAgainstCheckpoints(
      database.prisma,
      storage,
      new Map([[keys.signing.kid, keys.signing.publicKey]]),
    );
    console.log(describeVerdict(verdict));
    process.exitCode = verdict.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error('audit:verify could not run:', err instanceof Error ? err.message : err);
  process.exit(2);
});
