import type { Config } from '../config';
import type { Database } from '../db/database';
import { memoryRateLimitStore, type RateLimitStore } from './rate-limit';
import { postgresRateLimitStore } from './rate-limit-postgres';
import { redisRateLimitStore } from './rate-limit-redis';

/**
 * Where the rate limits count, chosen once: Redis when REDIS_URL is set; PostgreSQL when the
 * database is PostgreSQL (every process of the service shares it); this process's memory on
 * the embedded PGlite default, which is one process by construction.
 */
export function createRateLimitStore(
  config: Pick<Config, 'rateLimits'>,
  database: Pick<Database, 'kind' | 'sql'>,
): RateLimitStore {
  if (config.rateLimits.redisUrl) return redisRateLimitStore(config.rateLimits.redisUrl);
  if (database.kind === 'postgres') return postgresRateLimitStore(database.sql);
  return memoryRateLimitStore();
}
