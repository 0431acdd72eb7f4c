import type { MessageChannel, ReminderKind } from '../schemas/reminders';

/**
 * Reminder rules as data (docs/reminders.md): when each kind is due, which channels it prefers,
 * where it leads in the app. The server's scheduler turns `schedule` into date-range queries over
 * indexed columns; the texts live in texts.ts.
 */

/** Days a missed scheduler run is caught up: a window covers its offset and the days before it. */
export const REMINDER_CATCH_UP_DAYS = 3;

/** Days before (`before`) or after (`after`) a certificate or task date on which a kind is due. */
export type ReminderSchedule =
  | { column: 'validUntil' | 'reviewDueOn'; before: readonly number[] }
  | { column: 'validUntil' | 'createdAt' | 'taskCreatedAt'; after: readonly number[] }
  | { column: null };

export type ReminderRule = {
  schedule: ReminderSchedule;
  /**
   * Outside channels in order of preference. `firstOnly`: the first one the holder can be reached
   * on is used (a WeChat service notice spares an SMS); otherwise every reachable one. IN_APP
   * (the message list) is always written.
   */
  channels: readonly Exclude<MessageChannel, 'IN_APP'>[];
  firstOnly: boolean;
  /**
   * When the channel chosen at enqueue turns out unreachable at send time (WeChat: the
   * subscription used up or refused), the next channel of `channels` that the holder's
   * preferences allow is used instead — one reminder is delivered on one channel at most.
   */
  fallback: boolean;
  /** Not reminded (and a queued one cancelled) while a renewal of the certificate is under way. */
  skipWhileRenewing: boolean;
};

/** Applications that renew a certificate (延续, 换发) and the states in which one is under way. */
export const RENEWAL_APPLICATION_KINDS = ['RENEWAL', 'REPLACEMENT'] as const;
export const RENEWAL_UNDER_WAY_STATES = ['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED'] as const;

export const reminderRules: Record<ReminderKind, ReminderRule> = {
  // 有效期: 90, 30 and 7 days before (a prefilled 延续 application).
  EXPIRY: {
    schedule: { column: 'validUntil', before: [90, 30, 7] },
    channels: ['WECHAT_SUBSCRIBE', 'SMS'],
    firstOnly: true,
    fallback: true,
    skipWhileRenewing: true,
  },
  // The day after 有效期 (still VALID or EXPIRED, not replaced).
  EXPIRED: {
    schedule: { column: 'validUntil', after: [1] },
    channels: ['WECHAT_SUBSCRIBE', 'SMS'],
    firstOnly: true,
    fallback: true,
    skipWhileRenewing: true,
  },
  // 年审 (vehicles) / 诚信考核 (drivers): 30 and 7 days before; paper/IC: with the conversion invitation.
  REVIEW_DUE: {
    schedule: { column: 'reviewDueOn', before: [30, 7] },
    channels: ['WECHAT_SUBSCRIBE', 'SMS'],
    firstOnly: true,
    fallback: true,
    skipWhileRenewing: false,
  },
  // A holder- or operator-fixable completion task: the day it opened, and 7 days later if still open.
  MISSING_DATA: {
    schedule: { column: 'taskCreatedAt', after: [0, 7] },
    channels: ['WECHAT_SUBSCRIBE', 'SMS'],
    firstOnly: true,
    fallback: true,
    skipWhileRenewing: false,
  },
  // Returned / issued / rejected: enqueued by the review decision itself (no schedule).
  APPLICATION_STATUS: {
    schedule: { column: null },
    channels: ['WECHAT_SUBSCRIBE', 'SMS'],
    firstOnly: true,
    fallback: true,
    skipWhileRenewing: false,
  },
  // An electronic certificate not activated: 3 and 14 days after it entered the system — at most twice.
  ACTIVATION: {
    schedule: { column: 'createdAt', after: [3, 14] },
    channels: ['WECHAT_SUBSCRIBE', 'SMS'],
    firstOnly: true,
    fallback: true,
    skipWhileRenewing: false,
  },
  // Staff invitation (换领电子证照) to a filtered set: SMS first (those holders rarely use the app yet).
  // SMS first: a WeChat notice is chosen only for holders without a number SMS may go to, so no fallback.
  CONVERSION: {
    schedule: { column: null },
    channels: ['SMS', 'WECHAT_SUBSCRIBE'],
    firstOnly: true,
    fallback: false,
    skipWhileRenewing: false,
  },
};

/** Kinds the daily scheduler finds by date ranges (the others are enqueued by an event). */
export const scheduledReminderKinds = (Object.keys(reminderRules) as ReminderKind[]).filter(
  (kind) => reminderRules[kind].schedule.column !== null,
);

/**
 * Pages a reminder opens (routes of miniapp/src/lib/routes.ts, no leading slash). `{x}` are
 * opaque ids and codes only; the server's SQL fills them with the same templates.
 */
export const reminderTargets = {
  renewal: 'pkg-apply/pages/start/index?typeCode={typeCode}&kind=RENEWAL&certificateId={certificateId}',
  conversion: 'pkg-apply/pages/start/index?typeCode={typeCode}&kind=CONVERSION&certificateId={certificateId}',
  certificate: 'pkg-certificate/pages/detail/index?id={certificateId}',
  task: 'pkg-certificate/pages/task/index?id={taskId}',
  application: 'pkg-apply/pages/detail/index?id={applicationId}',
  activation: 'pkg-certificate/pages/activate/index?certificateId={certificateId}',
} as const;
export type ReminderTarget = keyof typeof reminderTargets;

/** A target with its placeholders filled (values are URI-encoded). */
export function reminderTargetPath(target: ReminderTarget, values: Record<string, string>): string {
  return reminderTargets[target].replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** Quiet hours (China time): SMS and WeChat notices are deferred to their end, never dropped. */
export const DEFAULT_QUIET_HOURS = { from: 21, to: 8 } as const;
/** Reminder SMS per number per China day; more are deferred to the next morning. */
export const DEFAULT_SMS_DAILY_CAP = 5;
/** Short links: 8 random base58 characters (≈ 46.9 bits), valid this many days. */
export const SHORT_LINK_CODE_LENGTH = 8;
export const SHORT_LINK_TTL_DAYS = 30;
export const SHORT_LINK_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
export const shortLinkCodePattern = /^[1-9A-HJ-NP-Za-km-z]{8}$/;
