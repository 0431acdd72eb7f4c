import type { Sql } from '../../db/database';
import { ts } from './enqueue.repo';

/** The statements behind WeChat's pushes (wechat-events.ts); each one is idempotent (WeChat retries). */
export function createWechatEventsRepo(sql: Sql) {
  return {
    /**
     * The delivery result of the notice WeChat answered `msgId` for, sent to `openid` (a MsgID
     * alone is not enough: the row must have gone to that user). The rows changed.
     */
    async delivery(msgId: string, openid: string, delivered: boolean, at: Date, error: string) {
      const { rows } = await sql.query(
        `UPDATE "MessageOutbox" m SET "deliveryState" = $3::text, "deliveredAt" = $4::timestamp,
           "lastError" = CASE WHEN $3::text = 'FAILED' THEN $5::text ELSE m."lastError" END
         FROM "Reminder" r, "Account" a
         WHERE m."providerMessageId" = $1::text AND m.channel = 'WECHAT_SUBSCRIBE' AND m.state = 'SENT'
           AND r.id = m."reminderId" AND a.id = m."accountId" AND a."wechatOpenId" = $2::text
         RETURNING m."reminderId" AS rid, r.kind::text AS kind, a.id AS aid`,
        [msgId, openid, delivered ? 'DELIVERED' : 'FAILED', ts(at), error],
      );
      return rows as { rid: string; kind: string; aid: string }[];
    },

    async accountsOf(openid: string): Promise<string[]> {
      const { rows } = await sql.query(`SELECT id FROM "Account" WHERE "wechatOpenId" = $1`, [openid]);
      return rows.map((r: { id: string }) => r.id);
    },

    /** accept: at least one grant left; reject: none. Not when the grant changed after `at`. */
    async setGrant(accountId: string, templateId: string, status: string, at: Date): Promise<number> {
      if (status === 'accept')
        return (
          (
            await sql.query(
              `INSERT INTO "SubscriptionGrant" ("accountId", "templateId", remaining, "updatedAt")
               VALUES ($1::uuid, $2, 1, $3::timestamp)
               ON CONFLICT ("accountId", "templateId") DO UPDATE
                 SET remaining = GREATEST("SubscriptionGrant".remaining, 1), "updatedAt" = EXCLUDED."updatedAt"
               WHERE "SubscriptionGrant"."updatedAt" <= EXCLUDED."updatedAt"`,
              [accountId, templateId, ts(at)],
            )
          ).rowCount ?? 0
        );
      if (status === 'reject')
        return (
          (
            await sql.query(
              `UPDATE "SubscriptionGrant" SET remaining = 0, "updatedAt" = $3::timestamp
               WHERE "accountId" = $1::uuid AND "templateId" = $2 AND "updatedAt" <= $3::timestamp`,
              [accountId, templateId, ts(at)],
            )
          ).rowCount ?? 0
        );
      return 0;
    },
  };
}

export type WechatEventsRepo = ReturnType<typeof createWechatEventsRepo>;
