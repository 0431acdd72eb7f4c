import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { partnerScopeList } from '@roadcert/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/unit-of-work';
import { apiKeyPattern, generateApiKey, hashApiKey } from './api-keys';
import { createPartnerRepo } from './partners.repo';

export const DEMO_PARTNER_NAME = '演示货运平台（本地演示）';
export const DEMO_PARTNER_FILE = 'demo-partner-key.json';

type StoredDemoKey = { apiKey: string };

async function readStored(file: string): Promise<StoredDemoKey | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<StoredDemoKey>;
    return typeof parsed.apiKey === 'string' && apiKeyPattern.test(parsed.apiKey) ? { apiKey: parsed.apiKey } : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The demo partner (embedded default with SEED_DEMO_DATA only; production never gets one,
 * and no key is written into the code). Its key is random, generated on first start into
 * DATA_DIR/demo-partner-key.json (0600, beside the generated keys.json) and its hash into
 * the database; the start-up log prints it, labelled as the local stand-in, so the partner
 * API can be tried with curl. Returns the key, or null when not applicable.
 */
export async function ensureDemoPartner(deps: {
  prisma: Db;
  config: Pick<Config, 'mode' | 'seedDemoData' | 'dataDir'>;
  logger: { warn(obj: object, msg: string): void };
}) {
  if (deps.config.mode === 'production' || !deps.config.seedDemoData) return null;
  const file = path.join(deps.config.dataDir, DEMO_PARTNER_FILE);
  let stored = await readStored(file);
  if (!stored) {
    stored = { apiKey: generateApiKey().key };
    await mkdir(deps.config.dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const apiKeyHash = hashApiKey(stored.apiKey);
  // A fresh database beside an old file (or the other way round) gets the row again.
  const partners = createPartnerRepo(deps.prisma);
  if (!(await partners.byKeyHash(apiKeyHash))) {
    await partners.create({
      name: DEMO_PARTNER_NAME,
      kind: 'FREIGHT_PLATFORM',
      apiKeyHash,
      apiKeyPrefix: stored.apiKey.slice(0, 11),
      scopes: [...partnerScopeList],
      rateLimitPerMinute: 600,
    });
  }
  deps.logger.warn(
    { partner: DEMO_PARTNER_NAME, demoPartnerApiKey: stored.apiKey, file, standIn: true },
    'demo partner API key (embedded mode only, all scopes; production has none): curl -H "Authorization: Bearer <key>" …/api/v1/partner/check',
  );
  return stored.apiKey;
}
