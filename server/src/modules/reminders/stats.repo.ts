import type { Sql } from '../../db/database';
import { ts } from './enqueue.repo';

export type StatsRow = {
  day: string;
  kind: string;
  channel: string;
  sent: number;
  delivered: number;
  deferred: number;
  failed: number;
  suppressed: number;
  clicked: number;
};

/**
 * 消息提醒 statistics by China day (of the reminder), kind and channel, for holders in an area.
 * SMS/WeChat: outbox states, receipts, short links opened at least once. IN_APP: every reminder
 * is "sent" and "delivered" (it is in the list); clicked = read.
 */
export function createStatsRepo(sql: Sql) {
  return {
    async rows(from: Date, to: Date, areaPrefix: string): Promise<StatsRow[]> {
      const { rows } = await sql.query(
        `WITH r AS (
           SELECT r.id, r.kind::text AS kind, r."readAt", to_char(r."createdAt" + interval '8 hours', 'YYYY-MM-DD') AS day
           FROM "Reminder" r JOIN "Holder" h ON h.id = r."holderId"
           WHERE r."createdAt" >= $1::timestamp AND r."createdAt" < $2::timestamp AND h."areaCode" LIKE $3)
         SELECT r.day, r.kind, m.channel::text AS channel,
           count(*) FILTER (WHERE m.state = 'SENT')::int AS sent,
           count(*) FILTER (WHERE m."deliveryState" = 'DELIVERED')::int AS delivered,
           count(*) FILTER (WHERE m."deferredReason" IS NOT NULL)::int AS deferred,
           count(*) FILTER (WHERE m.state IN ('FAILED', 'DEAD') OR m."deliveryState" = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE m.state = 'SUPPRESSED')::int AS suppressed,
           count(s.code) FILTER (WHERE s."firstOpenedAt" IS NOT NULL)::int AS clicked
         FROM r JOIN "MessageOutbox" m ON m."reminderId" = r.id
           LEFT JOIN "ShortLink" s ON s."reminderId" = r.id AND m.channel = 'SMS'
         GROUP BY 1, 2, 3
         UNION ALL
         SELECT day, kind, 'IN_APP', count(*)::int, count(*)::int, 0, 0, 0, count("readAt")::int FROM r GROUP BY 1, 2
         ORDER BY 1, 2, 3`,
        [ts(from), ts(to), `${areaPrefix}%`],
      );
      return rows as StatsRow[];
    },
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;
