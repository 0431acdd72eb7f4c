import {
  SMS_SEGMENT_CHARS,
  reminderKindList,
  reminderRules,
  renderReminderSms,
  smsVariables,
  type ReminderKind,
} from '@roadcert/shared';
import type { SmsProvider } from '../../adapters/sms';
import type { WechatClient } from '../../adapters/wechat';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { createEnqueueRepo, poolRunner, type EnqueueSettings } from './enqueue.repo';
import { createReminderEvents } from './events';
import { createHolderMessages } from './messages';
import { createMessagesRepo } from './messages.repo';
import { reminderMessaging } from './messaging';
import { createScheduler } from './scheduler';
import { createSender } from './sender';
import { createSenderRepo } from './sender.repo';
import { createShortLinks } from './short-links';
import { createShortLinksRepo } from './short-links.repo';
import { createInvitationRunsRepo } from './invitation-runs.repo';
import { createInvitations, type QueueJob } from './invitations';
import { createStaffReminders } from './staff-reminders';
import { createWechatEvents } from './wechat-events';
import { createWechatEventsRepo } from './wechat-events.repo';
import { createStatsRepo } from './stats.repo';

/** What the reminders module needs from the composition root. */
export type RemindersDeps = {
  config: Pick<Config, 'publicBaseUrl' | 'reminders'>;
  prisma: Database['prisma'];
  sql: Database['sql'];
  logger: Logger;
  audit: AuditLog;
  fieldCrypto: FieldCrypto;
  sms: SmsProvider;
  wechat: WechatClient | null;
  /** The clock (tests and `admin reminders:run --at` move it). */
  now?: () => Date;
  /** Queues a background job with a payload (the job runner's runNow): staff invitations run there. */
  queueJob?: QueueJob;
  /** Certificates per invitation chunk (tests, the bench). */
  invitationChunk?: number;
};

/** Template ids the local WeChat stand-in answers to (embedded default, no WECHAT_APP_ID). */
const standInTemplates = Object.fromEntries(reminderKindList.map((k) => [k, `STANDIN_TEMPLATE_${k}`])) as Record<
  ReminderKind,
  string
>;

/** Warns at start-up when the configured PUBLIC_BASE_URL makes an SMS longer than one segment. */
function checkSmsLength(publicBaseUrl: string, logger: Logger) {
  const link = `${publicBaseUrl}/s/XXXXXXXX`;
  const longest = Math.max(
    ...reminderKindList.map(
      (kind) =>
        [
          ...renderReminderSms(
            kind,
            smsVariables({ kind, variant: 'convert', params: { date: '2026-12-31', review: 'INTEGRITY' } }, link),
          ),
        ].length,
    ),
  );
  if (longest > SMS_SEGMENT_CHARS)
    logger.error(
      { chars: longest, limit: SMS_SEGMENT_CHARS },
      'PUBLIC_BASE_URL is too long for one-segment reminder SMS (docs/reminders.md, "Message texts")',
    );
}

/**
 * The module's services, built once by the composition root (`container.reminders`): the daily
 * scheduler and the sender (jobs and `admin reminders:run`), the holder's messages, short links,
 * the staff view, and `events.applicationDecided` for the applications module.
 */
export function createRemindersModule(deps: RemindersDeps) {
  const now = deps.now ?? (() => new Date());
  const messaging = reminderMessaging(deps.wechat, deps.logger);
  const configured = deps.config.reminders.subscribeTemplates;
  const templates: Partial<Record<ReminderKind, string>> =
    messaging.kind === 'stand-in' && Object.keys(configured).length === 0 ? standInTemplates : configured;
  const settings: EnqueueSettings = {
    templates,
    smsProvider: deps.sms.name,
    smsFirst: reminderKindList.filter((k) => reminderRules[k].channels[0] === 'SMS'),
    firstOnly: reminderKindList.filter((k) => reminderRules[k].firstOnly),
  };
  checkSmsLength(deps.config.publicBaseUrl, deps.logger);
  const enqueue = createEnqueueRepo(poolRunner(deps.sql), settings);
  const senderSettings = {
    publicBaseUrl: deps.config.publicBaseUrl,
    quietHours: deps.config.reminders.quietHours,
    smsDailyCap: deps.config.reminders.smsDailyCap,
    subscribeTemplates: templates,
    miniprogramState: ({ release: 'formal', trial: 'trial', develop: 'developer' } as const)[
      deps.config.reminders.linkEnvVersion
    ],
  };
  const senderRepo = createSenderRepo(deps.sql);
  const messagesRepo = createMessagesRepo(deps.prisma);
  const invitations = createInvitations({
    runs: createInvitationRunsRepo(deps.prisma, settings),
    audit: deps.audit,
    logger: deps.logger,
    now,
    queueJob: deps.queueJob,
    chunkSize: deps.invitationChunk,
  });
  return {
    scheduler: createScheduler({ enqueue, logger: deps.logger }),
    sender: createSender({
      repo: senderRepo,
      sms: deps.sms,
      wechat: messaging,
      fieldCrypto: deps.fieldCrypto,
      logger: deps.logger,
      settings: senderSettings,
      smsFallback: enqueue.fallbackToSms,
    }),
    /** A sender with other settings (tests, the bench): batch sizes, grace period. */
    senderWith: (overrides: Partial<typeof senderSettings & { batchSize: number; uncertainGraceMs: number }>) =>
      createSender({
        repo: senderRepo,
        sms: deps.sms,
        wechat: messaging,
        fieldCrypto: deps.fieldCrypto,
        logger: deps.logger,
        settings: { ...senderSettings, ...overrides },
        smsFallback: enqueue.fallbackToSms,
      }),
    messages: createHolderMessages({ repo: messagesRepo, templates, fieldCrypto: deps.fieldCrypto, now }),
    shortLinks: createShortLinks({
      repo: createShortLinksRepo(deps.prisma),
      messaging,
      publicBaseUrl: deps.config.publicBaseUrl,
      envVersion: deps.config.reminders.linkEnvVersion,
      logger: deps.logger,
    }),
    staff: createStaffReminders({
      stats: createStatsRepo(deps.sql),
      enqueue,
      invitations,
      publicBaseUrl: deps.config.publicBaseUrl,
      now,
    }),
    /** 换领邀请 runs: queued by staff, worked through by the `reminders.invitation` job. */
    invitations,
    /** Delivery receipts (Alibaba Cloud SmsReport): delivered or failed, by BizId and number. */
    async recordReceipts(reports: { phone: string; bizId: string; success: boolean; at: Date; errCode?: string }[]) {
      let matched = 0;
      for (const r of reports)
        matched += await senderRepo.receipt(
          r.bizId,
          deps.fieldCrypto.blindIndexes(r.phone, 'phone'),
          r.success,
          r.at,
          r.success ? null : `receipt:${(r.errCode ?? '').slice(0, 40)}`,
        );
      return matched;
    },
    /** Replies to our SMS (Alibaba Cloud SmsUp): TD / T / N / 退订 records the opt-out of the number. */
    async recordReplies(replies: { phone: string; content: string }[]) {
      let optedOut = 0;
      for (const r of replies) {
        if (!/^\s*(TD|T|N|退订)\s*$/i.test(r.content)) continue;
        await messagesRepo.optOut(
          deps.fieldCrypto.blindIndexes(r.phone, 'phone'),
          deps.fieldCrypto.encrypt(r.phone, 'recipient'),
          'SMS_UP',
        );
        optedOut += 1;
      }
      return optedOut;
    },
    events: createReminderEvents(settings),
    messaging,
    /** WeChat message push: delivery results and subscription choices (docs/reminders.md). */
    wechatEvents: createWechatEvents({
      repo: createWechatEventsRepo(deps.sql),
      logger: deps.logger,
      smsFallback: enqueue.fallbackToSms,
      now,
    }),
    /** The 消息推送 Token; null: the push URL answers 404. */
    pushToken: deps.config.reminders.pushToken,
  };
}

export type RemindersModule = ReturnType<typeof createRemindersModule>;
