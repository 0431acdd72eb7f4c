import {
  REMINDER_CATCH_UP_DAYS,
  RENEWAL_APPLICATION_KINDS,
  RENEWAL_UNDER_WAY_STATES,
  reminderRules,
  type ReminderKind,
} from '@roadcert/shared';
import { addDays } from './quiet-hours';

type IsoDate = string;
import { targetSql } from './enqueue.repo';

/**
 * The SELECTs that find due reminders for one China day (docs/reminders.md, "Scheduler"). Each
 * reads date RANGES over indexed columns (Certificate.validUntil, reviewDueOn, createdAt;
 * CompletionTask.createdAt): only certificates whose date falls in today's windows are touched.
 * A window covers its offset and the REMINDER_CATCH_UP_DAYS before it, so a day the scheduler
 * missed is caught up; the dedupe key (kind + certificate + offset + date) keeps it to one.
 * Parameters start at $6 (enqueueStatement's five come first).
 */
export type DueSource = { kind: ReminderKind; sql: string; values: unknown[] };

type Window = { offset: number; lo: IsoDate; hi: IsoDate };

/** `before` offsets (days before a date), largest first; windows never overlap the next offset's. */
export function windowsBefore(today: IsoDate, offsets: readonly number[]): Window[] {
  const sorted = [...offsets].sort((a, b) => b - a);
  return sorted.map((offset, i) => {
    const next = sorted[i + 1] ?? 0;
    return {
      offset,
      lo: addDays(today, Math.max(offset - REMINDER_CATCH_UP_DAYS, next + 1)),
      hi: addDays(today, offset),
    };
  });
}

/** `after` offsets (days after a date), smallest first: the date lies in [today - offset - catch-up, today - offset]. */
export function windowsAfter(today: IsoDate, offsets: readonly number[]): Window[] {
  const sorted = [...offsets].sort((a, b) => a - b);
  return sorted.map((offset, i) => {
    const next = sorted[i + 1];
    const back = next === undefined ? REMINDER_CATCH_UP_DAYS : Math.min(REMINDER_CATCH_UP_DAYS, next - offset - 1);
    return { offset, lo: addDays(today, -offset - back), hi: addDays(today, -offset) };
  });
}

/** A China day's start as a UTC timestamp literal (createdAt columns are UTC). */
const chinaDayStart = (day: IsoDate) =>
  new Date(`${day}T00:00:00+08:00`).toISOString().replace('T', ' ').replace('Z', '');

const offsetsOf = (kind: ReminderKind, side: 'before' | 'after'): readonly number[] => {
  const schedule = reminderRules[kind].schedule as { before?: readonly number[]; after?: readonly number[] };
  return schedule[side] ?? [];
};

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A renewal (延续/换发) of the certificate `cert` is under way: submitted, in review, returned for
 * correction or approved and not yet issued (index on Application.baseCertificateId). Kinds whose
 * rule says `skipWhileRenewing` are neither queued nor, once queued, sent (sender.repo.ts).
 */
export const renewalUnderWay = (cert: string) => `EXISTS (SELECT 1 FROM "Application" ap
        WHERE ap."baseCertificateId" = ${cert} AND ap.kind::text IN (${sqlList(RENEWAL_APPLICATION_KINDS)})
          AND ap.state::text IN (${sqlList(RENEWAL_UNDER_WAY_STATES)}))`;
const unlessRenewing = (kind: ReminderKind) =>
  reminderRules[kind].skipWhileRenewing ? ` AND NOT ${renewalUnderWay('c.id')}` : '';

const renewal = targetSql('renewal', { typeCode: 'c."typeCode"', certificateId: 'c.id' });
const conversion = targetSql('conversion', { typeCode: 'c."typeCode"', certificateId: 'c.id' });
const certificatePage = targetSql('certificate', { certificateId: 'c.id' });
const FIRST_TASK = `(array_agg(t.id ORDER BY t."createdAt", t.id))[1]`;
const CHINA_DAY = `to_char(t."createdAt" + interval '8 hours', 'YYYY-MM-DD')`;

function expiry(today: IsoDate): DueSource {
  const w = windowsBefore(today, offsetsOf('EXPIRY', 'before'));
  return {
    kind: 'EXPIRY',
    sql: `SELECT c."holderId" AS hid, c.id AS cid, NULL::uuid AS sid, 'EXPIRY' AS kind, 'd' || w.o AS variant,
        c."validUntil"::timestamp AS due,
        'EXPIRY:' || c.id || ':' || w.o || ':' || to_char(c."validUntil", 'YYYY-MM-DD') AS dkey,
        jsonb_build_object('date', to_char(c."validUntil", 'YYYY-MM-DD'), 'typeCode', c."typeCode",
                           'days', c."validUntil" - $9::date) AS params,
        ${renewal} AS target, NULL::uuid AS batch
      FROM unnest($6::int[], $7::date[], $8::date[]) AS w(o, lo, hi)
      JOIN "Certificate" c ON c."validUntil" BETWEEN w.lo AND w.hi
      WHERE c.status = 'VALID' AND c."replacedById" IS NULL${unlessRenewing('EXPIRY')}`,
    values: [w.map((x) => x.offset), w.map((x) => x.lo), w.map((x) => x.hi), today],
  };
}

function expired(today: IsoDate): DueSource {
  const [w] = windowsAfter(today, offsetsOf('EXPIRED', 'after'));
  return {
    kind: 'EXPIRED',
    sql: `SELECT c."holderId" AS hid, c.id AS cid, NULL::uuid AS sid, 'EXPIRED' AS kind, '' AS variant,
        c."validUntil"::timestamp AS due, 'EXPIRED:' || c.id || ':' || to_char(c."validUntil", 'YYYY-MM-DD') AS dkey,
        jsonb_build_object('date', to_char(c."validUntil", 'YYYY-MM-DD'), 'typeCode', c."typeCode") AS params,
        ${renewal} AS target, NULL::uuid AS batch
      FROM "Certificate" c
      WHERE c."validUntil" BETWEEN $6::date AND $7::date AND c.status IN ('VALID', 'EXPIRED')
        AND c."replacedById" IS NULL${unlessRenewing('EXPIRED')}`,
    values: [w!.lo, w!.hi],
  };
}

function reviewDue(today: IsoDate): DueSource {
  const w = windowsBefore(today, offsetsOf('REVIEW_DUE', 'before'));
  return {
    kind: 'REVIEW_DUE',
    sql: `SELECT c."holderId" AS hid, c.id AS cid, NULL::uuid AS sid, 'REVIEW_DUE' AS kind,
        CASE WHEN c.carrier IN ('PAPER', 'IC_CARD') THEN 'convert' ELSE 'plain' END AS variant,
        c."reviewDueOn"::timestamp AS due,
        'REVIEW_DUE:' || c.id || ':' || w.o || ':' || to_char(c."reviewDueOn", 'YYYY-MM-DD') AS dkey,
        jsonb_build_object('date', to_char(c."reviewDueOn", 'YYYY-MM-DD'), 'typeCode', c."typeCode",
          'review', CASE WHEN c."vehicleId" IS NOT NULL THEN 'ANNUAL' ELSE 'INTEGRITY' END) AS params,
        CASE WHEN c.carrier IN ('PAPER', 'IC_CARD') THEN ${conversion} ELSE ${certificatePage} END AS target,
        NULL::uuid AS batch
      FROM unnest($6::int[], $7::date[], $8::date[]) AS w(o, lo, hi)
      JOIN "Certificate" c ON c."reviewDueOn" BETWEEN w.lo AND w.hi
      WHERE c.status = 'VALID' AND c."replacedById" IS NULL`,
    values: [w.map((x) => x.offset), w.map((x) => x.lo), w.map((x) => x.hi)],
  };
}

function missingData(today: IsoDate): DueSource {
  const w = windowsAfter(today, offsetsOf('MISSING_DATA', 'after'));
  return {
    kind: 'MISSING_DATA',
    sql: `SELECT t."holderId" AS hid, t."certificateId" AS cid, ${FIRST_TASK} AS sid, 'MISSING_DATA' AS kind,
        w.v AS variant, min(t."createdAt") AS due,
        'MISSING_DATA:' || t."certificateId" || ':' || w.v || ':' || ${CHINA_DAY} AS dkey,
        jsonb_build_object('typeCode', min(t."typeCode"), 'count', count(*)) AS params,
        ${targetSql('task', { taskId: FIRST_TASK })} AS target, NULL::uuid AS batch
      FROM unnest($6::text[], $7::timestamp[], $8::timestamp[]) AS w(v, lo, hi)
      JOIN "CompletionTask" t ON t."createdAt" >= w.lo AND t."createdAt" < w.hi
      WHERE t.state IN ('OPEN', 'REJECTED') AND t."fixableBy" IN ('holder', 'operator')
      GROUP BY t."holderId", t."certificateId", w.v, ${CHINA_DAY}`,
    values: [
      w.map((x) => (x.offset === 0 ? 'opened' : 'again')),
      w.map((x) => chinaDayStart(x.lo)),
      w.map((x) => chinaDayStart(addDays(x.hi, 1))),
    ],
  };
}

function activation(today: IsoDate): DueSource {
  const w = windowsAfter(today, offsetsOf('ACTIVATION', 'after'));
  return {
    kind: 'ACTIVATION',
    sql: `SELECT c."holderId" AS hid, c.id AS cid, NULL::uuid AS sid, 'ACTIVATION' AS kind,
        CASE WHEN w.o = $9::int THEN 'first' ELSE 'second' END AS variant, c."createdAt" AS due,
        'ACTIVATION:' || c.id || ':' || w.o AS dkey, jsonb_build_object('typeCode', c."typeCode") AS params,
        ${targetSql('activation', { certificateId: 'c.id' })} AS target, NULL::uuid AS batch
      FROM unnest($6::int[], $7::timestamp[], $8::timestamp[]) AS w(o, lo, hi)
      JOIN "Certificate" c ON c."createdAt" >= w.lo AND c."createdAt" < w.hi
      WHERE c.carrier = 'ELECTRONIC' AND c."activatedAt" IS NULL AND c.status = 'VALID'`,
    values: [
      w.map((x) => x.offset),
      w.map((x) => chinaDayStart(x.lo)),
      w.map((x) => chinaDayStart(addDays(x.hi, 1))),
      w[0]!.offset,
    ],
  };
}

/** Every scheduled kind's source for one China day. */
export const dueSources = (today: IsoDate): DueSource[] => [
  expiry(today),
  expired(today),
  reviewDue(today),
  missingData(today),
  activation(today),
];

/** A staff conversion invitation's filter (换领电子证照): paper/IC certificates of one type in an area. */
export type ConversionFilter = {
  typeCode: string;
  carriers: readonly string[];
  areaPrefix: string;
  /** yyyy-mm: one invitation per certificate per month (dedupe), whatever how often staff press send. */
  month: string;
  batchId: string;
};

/** The invitation's certificates, with the filter's parameters from `$first` (type, area, carriers). */
const conversionWhere = (first: number) => `c."typeCode" = $${first}::text AND c."areaCode" LIKE $${first + 1}::text
        AND c.carrier::text = ANY($${first + 2}::text[]) AND c.status = 'VALID' AND c."replacedById" IS NULL`;

/**
 * A conversion invitation as an enqueue source; with `after`/`upTo` only the certificates whose
 * id lies in (after, upTo] — one chunk of an invitation run (keyset by id).
 */
export function conversionSource(filter: ConversionFilter & { after?: string; upTo?: string }): {
  sql: string;
  values: unknown[];
} {
  const ranged = filter.after !== undefined && filter.upTo !== undefined;
  return {
    sql: `SELECT c."holderId" AS hid, c.id AS cid, NULL::uuid AS sid, 'CONVERSION' AS kind, '' AS variant,
        $2::timestamp AS due, 'CONVERSION:' || c.id || ':' || $6::text AS dkey,
        jsonb_build_object('typeCode', c."typeCode") AS params, ${conversion} AS target, $7::uuid AS batch
      FROM "Certificate" c
      WHERE ${conversionWhere(8)}${ranged ? ' AND c.id > $11::uuid AND c.id <= $12::uuid' : ''}`,
    values: [
      filter.month,
      filter.batchId,
      filter.typeCode,
      `${filter.areaPrefix}%`,
      [...filter.carriers],
      ...(ranged ? [filter.after, filter.upTo] : []),
    ],
  };
}

/** The invitation's certificates counted, all of them or those whose id lies in (after, upTo]. */
export function conversionCount(
  filter: Pick<ConversionFilter, 'typeCode' | 'carriers' | 'areaPrefix'> & { after?: string; upTo?: string },
): { sql: string; values: unknown[] } {
  const ranged = filter.after !== undefined && filter.upTo !== undefined;
  return {
    sql: `SELECT count(*)::int AS n FROM "Certificate" c
      WHERE ${conversionWhere(1)}${ranged ? ' AND c.id > $4::uuid AND c.id <= $5::uuid' : ''}`,
    values: [
      filter.typeCode,
      `${filter.areaPrefix}%`,
      [...filter.carriers],
      ...(ranged ? [filter.after, filter.upTo] : []),
    ],
  };
}

/**
 * The next id window of an invitation run: the `size`-th certificate id after `$1` (any
 * certificate: a walk along the primary key, whatever the filter, so each chunk costs its window
 * and never a sort of everything the filter matches), or the last id when fewer are left.
 */
export const idWindowStatement = `SELECT
  (SELECT id::text FROM "Certificate" WHERE id > $1::uuid ORDER BY id OFFSET $2::int LIMIT 1) AS upper,
  (SELECT id::text FROM "Certificate" WHERE id > $1::uuid ORDER BY id DESC LIMIT 1) AS last`;

/** One event's reminder (APPLICATION_STATUS): a single row from parameters. */
export const singleSource = `SELECT $6::uuid AS hid, $7::uuid AS cid, $8::uuid AS sid, $9::text AS kind,
  $10::text AS variant, $2::timestamp AS due, $11::text AS dkey, $12::jsonb AS params, $13::text AS target,
  NULL::uuid AS batch`;
