import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createContainer } from '../container';
import { loadKeyMaterial } from '../lib/key-material';
import { createLogger } from '../lib/logger';
import { ADMIN_USAGE, AdminUsageError, runAdmin } from './admin-commands';
import { createStockModule } from '../modules/stock';
import { createAdminRepo } from './admin.repo';

/**
 * `npm run admin -- …` (see admin-commands.ts): opens the configured database with the
 * configured keys — the same ones the service uses, so sealed TOTP secrets open there. With the
 * embedded database, stop the service first (PGlite is one process's database).
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger('warn');
  const keys = await loadKeyMaterial(config, logger);
  const database = await openDatabase(config.database);
  try {
    // The service's own composition (same keys, storage and compliance checker): the stock
    // import commands run exactly what the workbench's upload runs.
    const container = createContainer({ config, logger, database, keys });
    process.exitCode = await runAdmin(process.argv.slice(2), {
      admin: createAdminRepo(database.prisma),
      fieldCrypto: container.fieldCrypto,
      audit: container.audit,
      stock: createStockModule(container),
      reminders: container.reminders,
      out: (line) => console.log(line),
    });
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof AdminUsageError || (err instanceof TypeError && 'code' in err)) {
    // Usage errors (and parseArgs' unknown-option errors): the message and the usage, EX_USAGE.
    console.error(`${err.message}\n\n${ADMIN_USAGE}`);
    process.exit(64);
  }
  console.error('admin command failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
