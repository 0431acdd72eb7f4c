import type { Sql } from '../db/database';
import {
  retryAfter,
  type CountedWindow,
  type CountToAdd,
  type RateDecision,
  type RateLimitStore,
  type RateWindow,
} from './rate-limit';

/**
 * One statement per attempt, whatever the number of windows: `w` lists the limiter's windows;
 * `full` finds one that is open and full (then nothing is counted); otherwise each window's
 * row is inserted or raised in the same upsert. The upsert's own WHERE re-checks the count on
 * the locked row, so racing processes never count past a limit; only a race at the very
 * boundary may count an attempt in one window that another refuses.
 * The answer: per window, whether it was counted and when the row's window closes.
 */
const hitSql = `WITH w AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[]) AS w(key, lim, ms)
), full_window AS (
  SELECT 1 FROM w JOIN "RateLimitWindow" r ON r."key" = w.key
  WHERE r."expiresAt" > $4::timestamptz AND r."count" >= w.lim
), counted AS (
  INSERT INTO "RateLimitWindow" AS r ("key", "count", "expiresAt")
  SELECT w.key, 1, $4::timestamptz + w.ms * interval '1 millisecond' FROM w
  WHERE NOT EXISTS (SELECT 1 FROM full_window)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN r."expiresAt" <= $4::timestamptz THEN 1 ELSE r."count" + 1 END,
    "expiresAt" = CASE WHEN r."expiresAt" <= $4::timestamptz THEN EXCLUDED."expiresAt" ELSE r."expiresAt" END
  WHERE r."expiresAt" <= $4::timestamptz OR r."count" < (SELECT w.lim FROM w WHERE w.key = r."key")
  RETURNING r."key"
)
SELECT w.key, EXISTS (SELECT 1 FROM counted c WHERE c."key" = w.key) AS counted, r."count" >= w.lim AS "wasFull",
  (extract(epoch FROM r."expiresAt") * 1000)::float8 AS "closesAt"
FROM w LEFT JOIN "RateLimitWindow" r ON r."key" = w.key`;

type Row = { key: string; counted: boolean; wasFull: boolean | null; closesAt: number | null };

/** Batched counts (createBatchedRateLimiter): keys sorted by the caller, so processes lock rows in one order. */
const addManySql = `INSERT INTO "RateLimitWindow" AS r ("key", "count", "expiresAt")
SELECT w.key, w.n, $4::timestamptz + w.ms * interval '1 millisecond'
FROM unnest($1::text[], $2::int[], $3::bigint[]) AS w(key, n, ms)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN r."expiresAt" <= $4::timestamptz THEN EXCLUDED."count" ELSE r."count" + EXCLUDED."count" END,
  "expiresAt" = CASE WHEN r."expiresAt" <= $4::timestamptz THEN EXCLUDED."expiresAt" ELSE r."expiresAt" END
RETURNING r."key", r."count", (extract(epoch FROM r."expiresAt") * 1000)::float8 AS "closesAt"`;

/** Closed windows are deleted in slices, at most once a minute per process. */
const sweepSql = `DELETE FROM "RateLimitWindow" WHERE "key" IN (
  SELECT "key" FROM "RateLimitWindow" WHERE "expiresAt" < $1::timestamptz LIMIT 5000)`;
const SWEEP_EVERY_MS = 60_000;

/**
 * Counters in PostgreSQL's UNLOGGED table "RateLimitWindow" (one row per key and window
 * length), shared by every process on the database. Keys are IPs or keyed digests, never a
 * phone number or name.
 */
export function postgresRateLimitStore(sql: Sql): RateLimitStore {
  let lastSweep = 0;

  async function hit(key: string, windows: readonly RateWindow[], now: number): Promise<RateDecision> {
    const keys = windows.map((w) => `${key}:${w.windowMs}`);
    const at = new Date(now).toISOString();
    const { rows } = await sql.query<Row>(hitSql, [
      keys,
      windows.map((w) => w.limit),
      windows.map((w) => w.windowMs),
      at,
    ]);
    // On the real clock, rows closed a minute ago: never a window a caller (or a test's chosen `now`) still uses.
    const clock = Date.now();
    if (clock - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = clock;
      void sql.query(sweepSql, [new Date(clock - SWEEP_EVERY_MS).toISOString()]).catch(() => undefined);
    }
    if (rows.every((r) => r.counted)) return { ok: true };
    // Refused: wait for the latest-closing full window. A window that filled up in a race
    // (full only after the statement's snapshot) is judged by its refused row instead.
    const open = rows.filter((r) => r.closesAt !== null && r.closesAt > now);
    const full = open.filter((r) => r.wasFull);
    const closesAt = Math.max(0, ...(full.length ? full : open.filter((r) => !r.counted)).map((r) => r.closesAt!));
    return { ok: false, retryAfterSeconds: retryAfter(closesAt || now + 1000, now) };
  }

  async function addMany(entries: readonly CountToAdd[], now: number): Promise<CountedWindow[]> {
    const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const { rows } = await sql.query<CountedWindow>(addManySql, [
      sorted.map((e) => e.key),
      sorted.map((e) => e.n),
      sorted.map((e) => e.windowMs),
      new Date(now).toISOString(),
    ]);
    return rows;
  }

  return { kind: 'postgres', hit, addMany, close: async () => undefined };
}
