import type { Db } from '../../db/unit-of-work';
import { uuidv7 } from '../../lib/uuidv7';

/** What happened to a certificate that the ministry must learn (docs/aggregation.md, "Events"). */
export type AggregationEvent =
  'ISSUED' | 'REPLACED' | 'STATUS' | 'ACTIVATED' | 'CHANGED' | 'STOCK' | 'RECONCILE' | 'BACKFILL';

/** What changed, for people reading the outbox: codes and ids only, never a name or a number. */
export type AggregationDetail = Record<string, string | number | null>;

/**
 * Enqueues the next aggregation version of a certificate on `db`, which is the client of the
 * change's own transaction, so a rolled-back change leaves no outbox row. One statement: the
 * certificate's cursor row is inserted or bumped (ON CONFLICT DO UPDATE locks it and reads its
 * latest committed version, so concurrent enqueuers get consecutive versions) and the outbox row
 * carries that version and the idempotency key `<certificateId>:<version>`. The ministry record is
 * built at send time from the current certificate row (modules/aggregation).
 */
export async function enqueueAggregation(
  db: Db,
  certificateId: string,
  event: AggregationEvent,
  detail: AggregationDetail = {},
): Promise<number> {
  const rows = await db.$queryRaw<{ version: number }[]>`
    WITH v AS (
      INSERT INTO "CertificateAggregation" ("certificateId", version, "changedAt")
      VALUES (${certificateId}::uuid, 1, CURRENT_TIMESTAMP)
      ON CONFLICT ("certificateId") DO UPDATE SET
        version = "CertificateAggregation".version + 1, "changedAt" = CURRENT_TIMESTAMP
      RETURNING "certificateId", version)
    INSERT INTO "AggregationOutbox" (id, "certificateId", version, event, payload, "dedupeKey")
    SELECT ${uuidv7()}::uuid, v."certificateId", v.version, ${event}, ${JSON.stringify(detail)}::jsonb,
      v."certificateId"::text || ':' || v.version::text
    FROM v
    RETURNING version`;
  return rows[0]!.version;
}
