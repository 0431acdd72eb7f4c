import { reminderTargets, type ReminderKind, type ReminderTarget } from '@roadcert/shared';
import type { Sql } from '../../db/database';
import type { Db } from '../../db/unit-of-work';

/**
 * Set-based enqueueing (docs/reminders.md, "Scheduler"): one statement takes a SELECT of due
 * reminders, inserts them with ON CONFLICT ("dedupeKey") DO NOTHING — a retry, a restart or a
 * second scheduler process adds nothing — and writes the outbox rows of the ones it inserted,
 * per channel the holder can be reached on. The work is proportional to what is due.
 */

/** What a source SELECT yields, one row per due reminder (column names fixed). */
export const SOURCE_COLUMNS = 'hid, cid, sid, kind, variant, due, dkey, params, target, batch';

/** Runs one statement with positional parameters on the pool or inside a transaction. */
export type RawRunner = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;
export const poolRunner =
  (sql: Sql): RawRunner =>
  async (text, values) =>
    (await sql.query(text, values)).rows as Record<string, unknown>[];
/** On a Prisma client (the caller's open transaction: PGlite is one session, the pool would wait on it). */
export const prismaRunner =
  (db: Db): RawRunner =>
  (text, values) =>
    db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);

/** A target path template as SQL: placeholders become the given SQL expressions (opaque ids only). */
export function targetSql(target: ReminderTarget, columns: Record<string, string>): string {
  const parts = reminderTargets[target].split(/\{(\w+)\}/);
  return parts
    .map((part, i) => (i % 2 === 1 ? `${columns[part] ?? 'NULL'}::text` : `'${part.replace(/'/g, "''")}'`))
    .filter((p) => p !== "''")
    .join(' || ');
}

/** UUIDv7 in SQL (time-ordered like the ids Prisma writes): 48-bit ms timestamp, version 7, random rest. */
export const UUID_V7_SQL = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing
  substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/** UTC `timestamp` literal of a moment (the columns are TIMESTAMP(3) in UTC, as Prisma writes them). */
export const ts = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Who can be reached how, for rows of `src` (a CTE with hid and kind): the SMS number (the
 * account's, else the one on the holder record) unless opted out (退订), the channel switched off
 * or SMS_REMINDERS consent withdrawn; WeChat when the account has an openid, the channel on and a
 * subscription grant left for the kind's template. Parameters: $1 templates (jsonb kind → id).
 */
const reachColumns = (src: string) => `
    ${src}.*,
    a.id AS aid,
    COALESCE(a."phoneEnc", h."phoneEnc") AS penc,
    CASE WHEN a."phoneEnc" IS NOT NULL THEN a."phoneHash" ELSE h."phoneHash" END AS phash,
    (COALESCE(a."phoneEnc", h."phoneEnc") IS NOT NULL
      AND COALESCE(p.sms, true)
      AND NOT EXISTS (SELECT 1 FROM "MessageOptOut" o
        WHERE o."recipientHash" = CASE WHEN a."phoneEnc" IS NOT NULL THEN a."phoneHash" ELSE h."phoneHash" END)
      AND (a.id IS NULL OR NOT EXISTS (SELECT 1 FROM "Consent" w
        WHERE w."accountId" = a.id AND w.kind = 'SMS_REMINDERS' AND w."withdrawnAt" IS NOT NULL)
        OR EXISTS (SELECT 1 FROM "Consent" g
        WHERE g."accountId" = a.id AND g.kind = 'SMS_REMINDERS' AND g."withdrawnAt" IS NULL))) AS sms_ok,
    (a."wechatOpenId" IS NOT NULL AND COALESCE(p.wechat, true)
      AND EXISTS (SELECT 1 FROM "SubscriptionGrant" sg WHERE sg."accountId" = a.id
        AND sg."templateId" = ($1::jsonb ->> ${src}.kind::text) AND sg.remaining > 0)) AS wx_ok`;
const reachJoins = (src: string) => `
    JOIN "Holder" h ON h.id = ${src}.hid
    LEFT JOIN "Account" a ON a."holderId" = ${src}.hid
    LEFT JOIN "ReminderPreference" p ON p."accountId" = a.id`;

/**
 * The enqueue statement over a source SELECT. Parameters: $1 templates (jsonb), $2 now
 * (timestamp), $3 the SMS provider's name, $4 kinds preferring SMS (jsonb array), $5 kinds using
 * their first reachable channel only (jsonb array); the source's own start at $6.
 * Returns { reminders, sms, wechat } counts.
 */
export function enqueueStatement(source: string): string {
  return `
WITH src AS (${source}),
ins AS (
  INSERT INTO "Reminder" ("id", "holderId", "certificateId", "subjectId", "kind", "variant", "dueAt", "dedupeKey",
                          "params", "targetPath", "batchId", "createdAt")
  SELECT ${UUID_V7_SQL}, s.hid, s.cid, s.sid, s.kind::"ReminderKind", s.variant, s.due, s.dkey, s.params, s.target,
         s.batch, $2::timestamp
  FROM src s
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING "id" AS rid, "holderId" AS hid, "kind"
),
reach AS (
  SELECT ${reachColumns('ins')},
    ($4::jsonb ? ins.kind::text) AS sms_first,
    ($5::jsonb ? ins.kind::text) AS first_only
  FROM ins ${reachJoins('ins')}
),
ob AS (
  INSERT INTO "MessageOutbox" ("id", "channel", "dedupeKey", "reminderId", "recipientEnc", "recipientHash", "accountId",
                               "templateCode", "provider", "state", "nextAttemptAt", "createdAt")
  SELECT ${UUID_V7_SQL}, 'SMS'::"MessageChannel", r.rid::text || ':SMS', r.rid, r.penc, r.phash, NULL, r.kind::text,
         $3::text, 'PENDING'::"OutboxState", $2::timestamp, $2::timestamp
  FROM reach r WHERE r.sms_ok AND NOT (r.first_only AND NOT r.sms_first AND r.wx_ok)
  UNION ALL
  SELECT ${UUID_V7_SQL}, 'WECHAT_SUBSCRIBE'::"MessageChannel", r.rid::text || ':WX', r.rid, NULL, NULL, r.aid,
         r.kind::text, 'wechat', 'PENDING'::"OutboxState", $2::timestamp, $2::timestamp
  FROM reach r WHERE r.wx_ok AND NOT (r.first_only AND r.sms_first AND r.sms_ok)
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING "channel"
)
SELECT (SELECT count(*) FROM ins)::int AS reminders,
       (SELECT count(*) FROM ob WHERE channel = 'SMS')::int AS sms,
       (SELECT count(*) FROM ob WHERE channel = 'WECHAT_SUBSCRIBE')::int AS wechat`;
}

/**
 * Counts who a source would reach, without writing (the invitation preview): the same five
 * leading parameters as enqueueStatement ($2 and $3 unused but typed, so one source serves both).
 */
export function reachCountStatement(source: string): string {
  return `
WITH src AS (${source}),
reach AS (
  SELECT ${reachColumns('src')},
    ($4::jsonb ? src.kind::text) AS sms_first,
    ($5::jsonb ? src.kind::text) AS first_only
  FROM src ${reachJoins('src')}
),
per_holder AS (
  SELECT hid,
    bool_or(sms_ok AND NOT (first_only AND NOT sms_first AND wx_ok)) AS by_sms,
    bool_or(wx_ok AND NOT (first_only AND sms_first AND sms_ok)) AS by_wechat
  FROM reach GROUP BY hid
)
SELECT (SELECT count(*) FROM src)::int AS certificates,
       count(*)::int AS holders,
       (count(*) FILTER (WHERE by_sms))::int AS by_sms,
       (count(*) FILTER (WHERE by_wechat))::int AS by_wechat,
       (count(*) FILTER (WHERE NOT by_sms AND NOT by_wechat))::int AS in_app_only
FROM per_holder WHERE $2::text IS NOT NULL OR $3::text IS NULL`;
}

/**
 * The SMS fallback of reminders whose WeChat notice could not be delivered (the subscription used
 * up or refused): one SMS outbox row `<reminder id>:SMS` where the holder can be reached by SMS
 * now — the same key an SMS chosen at enqueue would have had, so a reminder never gets two. The
 * same five leading parameters as enqueueStatement; $6 the reminder ids.
 */
export const fallbackSmsStatement = `
WITH src AS (SELECT r.id AS rid, r."holderId" AS hid, r.kind FROM "Reminder" r WHERE r.id = ANY($6::uuid[])),
reach AS (SELECT ${reachColumns('src')} FROM src ${reachJoins('src')})
INSERT INTO "MessageOutbox" ("id", "channel", "dedupeKey", "reminderId", "recipientEnc", "recipientHash", "accountId",
                             "templateCode", "provider", "state", "nextAttemptAt", "createdAt")
SELECT ${UUID_V7_SQL}, 'SMS'::"MessageChannel", r.rid::text || ':SMS', r.rid, r.penc, r.phash, NULL, r.kind::text,
       $3::text, 'PENDING'::"OutboxState", $2::timestamp, $2::timestamp
FROM reach r WHERE r.sms_ok AND $4::jsonb IS NOT NULL AND $5::jsonb IS NOT NULL
ON CONFLICT ("dedupeKey") DO NOTHING
RETURNING "reminderId"`;

export type EnqueueCounts = { reminders: number; sms: number; wechat: number };

export type EnqueueSettings = {
  /** Kind → WeChat subscription template id (configured). */
  templates: Partial<Record<ReminderKind, string>>;
  smsProvider: string;
  smsFirst: readonly ReminderKind[];
  firstOnly: readonly ReminderKind[];
};

/** The enqueue statements, on the pool (scheduler, invitations) or a transaction (event hooks). */
export function createEnqueueRepo(run: RawRunner, settings: EnqueueSettings) {
  const head = (now: Date) => [
    JSON.stringify(settings.templates),
    ts(now),
    settings.smsProvider,
    JSON.stringify(settings.smsFirst),
    JSON.stringify(settings.firstOnly),
  ];
  return {
    async enqueue(source: string, values: unknown[], now: Date): Promise<EnqueueCounts> {
      const [row] = await run(enqueueStatement(source), [...head(now), ...values]);
      return { reminders: Number(row?.reminders ?? 0), sms: Number(row?.sms ?? 0), wechat: Number(row?.wechat ?? 0) };
    },
    /** SMS rows for reminders whose WeChat notice failed; the reminder ids that got one. */
    async fallbackToSms(reminderIds: string[], now: Date): Promise<string[]> {
      if (reminderIds.length === 0) return [];
      const rows = await run(fallbackSmsStatement, [...head(now), reminderIds]);
      return rows.map((r) => r.reminderId as string);
    },
    async reach(source: string, values: unknown[], now: Date) {
      const [row] = await run(reachCountStatement(source), [...head(now), ...values]);
      return {
        certificates: Number(row?.certificates ?? 0),
        holders: Number(row?.holders ?? 0),
        bySms: Number(row?.by_sms ?? 0),
        byWechat: Number(row?.by_wechat ?? 0),
        inAppOnly: Number(row?.in_app_only ?? 0),
      };
    },
  };
}

export type EnqueueRepo = ReturnType<typeof createEnqueueRepo>;
