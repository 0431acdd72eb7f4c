import type { Sql } from '../../db/database';
import { reminderKindList, reminderRules } from '@roadcert/shared';
import { renewalUnderWay } from './due-sources';
import { ts } from './enqueue.repo';

/** Kinds not sent while a renewal of their certificate is under way (rules: skipWhileRenewing). */
const SKIP_WHILE_RENEWING = reminderKindList.filter((k) => reminderRules[k].skipWhileRenewing);

/** A claimed outbox row of a reminder, with what the message needs. */
export type ClaimedMessage = {
  id: string;
  channel: 'SMS' | 'WECHAT_SUBSCRIBE';
  reminderId: string;
  recipientEnc: Uint8Array | null;
  recipientHash: string | null;
  accountId: string | null;
  attempts: number;
  outId: string | null;
  kind: string;
  variant: string;
  params: Record<string, string | number | null>;
  targetPath: string | null;
  /** unresolved(): past the grace period (the provider would have recorded it by now). */
  stale?: boolean;
};

const DUE = `m."reminderId" IS NOT NULL AND m.state IN ('PENDING', 'FAILED') AND m."nextAttemptAt" <= $1::timestamp`;
const WITHDRAWN = (account: string) => `(EXISTS (SELECT 1 FROM "Consent" w WHERE w."accountId" = ${account}
    AND w.kind = 'SMS_REMINDERS' AND w."withdrawnAt" IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM "Consent" g WHERE g."accountId" = ${account}
    AND g.kind = 'SMS_REMINDERS' AND g."withdrawnAt" IS NULL))`;
const COLUMNS = `m.id, m.channel::text AS channel, m."reminderId", m."recipientEnc", m."recipientHash", m."accountId",
  m.attempts, m."outId", r.kind::text AS kind, r.variant, r.params, r."targetPath"`;

const toClaimed = (row: Record<string, unknown>): ClaimedMessage => ({
  id: row.id as string,
  channel: row.channel as ClaimedMessage['channel'],
  reminderId: row.reminderId as string,
  recipientEnc: (row.recipientEnc as Uint8Array | null) ?? null,
  recipientHash: (row.recipientHash as string | null) ?? null,
  accountId: (row.accountId as string | null) ?? null,
  attempts: Number(row.attempts),
  outId: (row.outId as string | null) ?? null,
  kind: row.kind as string,
  variant: (row.variant as string) ?? '',
  params: (row.params as ClaimedMessage['params']) ?? {},
  targetPath: (row.targetPath as string | null) ?? null,
  stale: row.stale === true,
});

/** The sender's statements (SQL on the pool: FOR UPDATE SKIP LOCKED, set-based deferrals). */
export function createSenderRepo(sql: Sql) {
  const q = async (text: string, values: unknown[]) =>
    (await sql.query(text, values)).rows as Record<string, unknown>[];
  const count = async (text: string, values: unknown[]) => (await sql.query(text, values)).rowCount ?? 0;
  return {
    /** Quiet hours: every due row waits for their end (never dropped). */
    deferAll: (now: Date, until: Date, reason: string) =>
      count(
        `UPDATE "MessageOutbox" m SET "nextAttemptAt" = $2::timestamp, "deferredReason" = COALESCE(m."deferredReason", $3)
         WHERE ${DUE}`,
        [ts(now), ts(until), reason],
      ),

    /** Checked at send time: 退订, the channel switched off, SMS consent withdrawn → SUPPRESSED. */
    async suppressBlocked(now: Date) {
      const optedOut = await count(
        `UPDATE "MessageOutbox" m SET state = 'SUPPRESSED', "lastError" = 'opted_out'
         WHERE ${DUE} AND m.channel = 'SMS'
           AND EXISTS (SELECT 1 FROM "MessageOptOut" o WHERE o."recipientHash" = m."recipientHash")`,
        [ts(now)],
      );
      const off = await count(
        `UPDATE "MessageOutbox" m SET state = 'SUPPRESSED', "lastError" = 'channel_off'
         FROM "Reminder" r JOIN "Account" a ON a."holderId" = r."holderId"
           LEFT JOIN "ReminderPreference" p ON p."accountId" = a.id
         WHERE ${DUE} AND m."reminderId" = r.id
           AND ((m.channel = 'SMS' AND (p.sms = false OR ${WITHDRAWN('a.id')}))
             OR (m.channel = 'WECHAT_SUBSCRIBE' AND p.wechat = false))`,
        [ts(now)],
      );
      return optedOut + off;
    },

    /**
     * Checked at send time: an expiry reminder queued before its renewal was submitted is
     * cancelled (SUPPRESSED, `renewal_under_way`), not sent; the in-app message stays.
     */
    cancelWhileRenewing: (now: Date) =>
      count(
        `UPDATE "MessageOutbox" m SET state = 'SUPPRESSED', "lastError" = 'renewal_under_way'
         FROM "Reminder" r
         WHERE ${DUE} AND m."reminderId" = r.id AND r.kind::text = ANY($2::text[]) AND r."certificateId" IS NOT NULL
           AND ${renewalUnderWay('r."certificateId"')}`,
        [ts(now), SKIP_WHILE_RENEWING],
      ),

    /** Up to `limit` due rows, locked past other senders (SKIP LOCKED), leased until `leaseUntil`. */
    async claim(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMessage[]> {
      const rows = await q(
        `WITH c AS (
           SELECT m.id FROM "MessageOutbox" m WHERE ${DUE}
           ORDER BY m."nextAttemptAt" LIMIT $2 FOR UPDATE SKIP LOCKED),
         u AS (
           UPDATE "MessageOutbox" m SET state = 'SENDING', attempts = m.attempts + 1, "nextAttemptAt" = $3::timestamp,
             "outId" = NULL
           FROM c WHERE m.id = c.id RETURNING m.*)
         SELECT ${COLUMNS} FROM u m JOIN "Reminder" r ON r.id = m."reminderId"`,
        [ts(now), limit, ts(leaseUntil)],
      );
      return rows.map(toClaimed);
    },

    /** Rows whose send may have reached the provider: UNCERTAIN, or SENDING past its lease (a crash). */
    async unresolved(now: Date, graceBefore: Date, limit: number): Promise<ClaimedMessage[]> {
      const rows = await q(
        `SELECT ${COLUMNS}, (m.state = 'SENDING' OR m."nextAttemptAt" <= $2::timestamp) AS stale
         FROM "MessageOutbox" m JOIN "Reminder" r ON r.id = m."reminderId"
         WHERE m.state = 'UNCERTAIN' OR (m.state = 'SENDING' AND m."nextAttemptAt" <= $1::timestamp)
         ORDER BY m."nextAttemptAt" LIMIT $3`,
        [ts(now), ts(graceBefore), limit],
      );
      return rows.map(toClaimed);
    },

    /** Reminder SMS sent today per number (the daily cap). */
    async sentPerNumber(hashes: string[], from: Date, to: Date): Promise<Map<string, number>> {
      if (hashes.length === 0) return new Map();
      const rows = await q(
        `SELECT "recipientHash" AS h, count(*)::int AS n FROM "MessageOutbox"
         WHERE "recipientHash" = ANY($1::text[]) AND "sentAt" >= $2::timestamp AND "sentAt" < $3::timestamp
           AND "reminderId" IS NOT NULL AND channel = 'SMS' AND state = 'SENT'
         GROUP BY 1`,
        [hashes, ts(from), ts(to)],
      );
      return new Map(rows.map((r) => [r.h as string, Number(r.n)]));
    },

    /** Before the provider call: the request id it will be found by if the call times out. */
    setOutId: (ids: string[], outId: string) =>
      count(`UPDATE "MessageOutbox" SET "outId" = $2 WHERE id = ANY($1::uuid[])`, [ids, outId]),

    /** `delivered`: the provider's own word that it arrived (the console stand-in "delivers" at once). */
    async markSent(ids: string[], now: Date, providerMessageId: string | null, provider: string, delivered = false) {
      await count(
        `UPDATE "MessageOutbox" SET state = 'SENT', "sentAt" = $2::timestamp, "providerMessageId" = $3, provider = $4,
           "lastError" = NULL,
           "deliveryState" = CASE WHEN $5::boolean THEN 'DELIVERED' ELSE "deliveryState" END,
           "deliveredAt" = CASE WHEN $5::boolean THEN $2::timestamp ELSE "deliveredAt" END
         WHERE id = ANY($1::uuid[]) AND state IN ('SENDING', 'UNCERTAIN')`,
        [ids, ts(now), providerMessageId, provider, delivered],
      );
      await count(
        `UPDATE "Reminder" r SET "sentAt" = $2::timestamp FROM "MessageOutbox" m
         WHERE m.id = ANY($1::uuid[]) AND r.id = m."reminderId" AND r."sentAt" IS NULL`,
        [ids, ts(now)],
      );
    },

    /** Back to PENDING later without counting an attempt (quiet hours, daily cap). */
    defer: (ids: string[], until: Date, reason: string) =>
      count(
        `UPDATE "MessageOutbox" SET state = 'PENDING', attempts = GREATEST(attempts - 1, 0),
           "nextAttemptAt" = $2::timestamp, "deferredReason" = $3
         WHERE id = ANY($1::uuid[])`,
        [ids, ts(until), reason],
      ),

    retry: (ids: string[], at: Date, error: string) =>
      count(
        `UPDATE "MessageOutbox" SET state = 'FAILED', "nextAttemptAt" = $2::timestamp, "lastError" = $3
         WHERE id = ANY($1::uuid[])`,
        [ids, ts(at), error.slice(0, 500)],
      ),

    finish: (ids: string[], state: 'DEAD' | 'SUPPRESSED', error: string) =>
      count(`UPDATE "MessageOutbox" SET state = $2::"OutboxState", "lastError" = $3 WHERE id = ANY($1::uuid[])`, [
        ids,
        state,
        error.slice(0, 500),
      ]),

    uncertain: (ids: string[], now: Date) =>
      count(
        `UPDATE "MessageOutbox" SET state = 'UNCERTAIN', "nextAttemptAt" = $2::timestamp, "lastError" = 'provider_timeout'
         WHERE id = ANY($1::uuid[])`,
        [ids, ts(now)],
      ),

    /** One WeChat subscription used up (one-time grants); false when none is left. */
    async useGrant(accountId: string, templateId: string): Promise<boolean> {
      return (
        (await count(
          `UPDATE "SubscriptionGrant" SET remaining = remaining - 1, "updatedAt" = now()
           WHERE "accountId" = $1::uuid AND "templateId" = $2 AND remaining > 0`,
          [accountId, templateId],
        )) === 1
      );
    },
    /** WeChat says the user holds no subscription for the template: none left on our side either. */
    clearGrant: (accountId: string, templateId: string) =>
      count(
        `UPDATE "SubscriptionGrant" SET remaining = 0, "updatedAt" = now() WHERE "accountId" = $1::uuid AND "templateId" = $2`,
        [accountId, templateId],
      ),
    restoreGrant: (accountId: string, templateId: string) =>
      count(
        `UPDATE "SubscriptionGrant" SET remaining = remaining + 1 WHERE "accountId" = $1::uuid AND "templateId" = $2`,
        [accountId, templateId],
      ),

    async openIds(accountIds: string[]): Promise<Map<string, string>> {
      if (accountIds.length === 0) return new Map();
      const rows = await q(
        `SELECT id, "wechatOpenId" FROM "Account" WHERE id = ANY($1::uuid[]) AND "wechatOpenId" IS NOT NULL`,
        [accountIds],
      );
      return new Map(rows.map((r) => [r.id as string, r.wechatOpenId as string]));
    },

    /** One short link per reminder (a retry reuses it): proposed codes, then what is stored. */
    async shortLinks(
      links: { reminderId: string; code: string; targetPath: string }[],
      expiresAt: Date,
      now: Date,
    ): Promise<Map<string, string>> {
      if (links.length === 0) return new Map();
      await count(
        `INSERT INTO "ShortLink" (code, "reminderId", "targetPath", "expiresAt", "createdAt")
         SELECT l.code, l.rid, l.path, $4::timestamp, $5::timestamp
         FROM unnest($1::text[], $2::uuid[], $3::text[]) AS l(code, rid, path)
         ON CONFLICT DO NOTHING`,
        [
          links.map((l) => l.code),
          links.map((l) => l.reminderId),
          links.map((l) => l.targetPath),
          ts(expiresAt),
          ts(now),
        ],
      );
      const rows = await q(`SELECT code, "reminderId" FROM "ShortLink" WHERE "reminderId" = ANY($1::uuid[])`, [
        links.map((l) => l.reminderId),
      ]);
      return new Map(rows.map((r) => [r.reminderId as string, r.code as string]));
    },

    /** A delivery receipt (Alibaba Cloud SmsReport): by BizId and number. */
    /** `recipientHashes`: the number's digest under every blind-index key (a rotation may run). */
    receipt: (bizId: string, recipientHashes: string[], delivered: boolean, at: Date, error: string | null) =>
      count(
        `UPDATE "MessageOutbox" SET "deliveryState" = $3, "deliveredAt" = $4::timestamp,
           "lastError" = COALESCE($5, "lastError")
         WHERE "providerMessageId" = $1 AND "recipientHash" = ANY($2::text[]) AND "reminderId" IS NOT NULL`,
        [bizId, recipientHashes, delivered ? 'DELIVERED' : 'FAILED', ts(at), error],
      ),
  };
}

export type SenderRepo = ReturnType<typeof createSenderRepo>;
