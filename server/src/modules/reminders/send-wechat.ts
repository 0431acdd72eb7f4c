import {
  SMS_SIGNATURE,
  reminderMessage,
  reminderRules,
  renderReminderSms,
  smsVariables,
  type ReminderKind,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { ReminderMessaging } from './messaging';
import type { ClaimedMessage, SenderRepo } from './sender.repo';
import type { SenderSettings, SendSummary } from './sender-types';

/** What a claimed row's texts are rendered from. */
export const contentOf = (row: ClaimedMessage) => ({
  kind: row.kind as ReminderKind,
  variant: row.variant,
  params: row.params,
});

/** Writes the SMS row of reminders whose WeChat notice could not be delivered; the ids that got one. */
export type SmsFallback = (reminderIds: string[], now: Date) => Promise<string[]>;

/**
 * WeChat 订阅消息 rows of a claimed batch: one subscription grant used up atomically, then
 * subscribeMessage.send (keywords thing1 = the title, thing2 = the SMS sentence without signature
 * and link); WeChat's msgid is kept (`providerMessageId`) for the delivery event. No grant left,
 * or 43101 (used up or refused at WeChat) → SUPPRESSED, and the reminder goes by SMS instead when
 * its rule allows a fallback and the holder's preferences allow SMS (`fallback_sms`): that SMS row
 * passes the same quiet hours, cap and checks, and has the key an SMS chosen at enqueue would
 * have had — never both. A timeout is never resent (no query API, it may have arrived); other
 * errors give the grant back and retry.
 */
export function createWechatSender(deps: {
  repo: SenderRepo;
  wechat: ReminderMessaging;
  settings: Pick<SenderSettings, 'subscribeTemplates' | 'miniprogramState'>;
  failed: (rows: ClaimedMessage[], now: Date, error: string, summary: SendSummary) => Promise<void>;
  smsFallback: SmsFallback;
}) {
  const { repo, wechat, settings, failed } = deps;
  const content = contentOf;

  /** Not deliverable on WeChat: SUPPRESSED with the reason, and the SMS fallback where allowed. */
  async function undeliverable(row: ClaimedMessage, reason: string, now: Date, summary: SendSummary) {
    const fallback = reminderRules[row.kind as ReminderKind]?.fallback;
    const handed = fallback ? await deps.smsFallback([row.reminderId], now) : [];
    await repo.finish([row.id], 'SUPPRESSED', handed.length ? `${reason}:fallback_sms` : reason);
    summary.suppressed += 1;
    summary.fallback += handed.length;
  }

  return async function sendWechat(rows: ClaimedMessage[], now: Date, summary: SendSummary) {
    const openIds = await repo.openIds([...new Set(rows.map((r) => r.accountId).filter((a): a is string => !!a))]);
    for (const row of rows) {
      const templateId = settings.subscribeTemplates[row.kind as ReminderKind];
      const openid = row.accountId ? openIds.get(row.accountId) : undefined;
      if (!templateId || !openid || !(await repo.useGrant(row.accountId!, templateId))) {
        await undeliverable(row, !templateId ? 'template_not_configured' : 'no_subscription', now, summary);
        continue;
      }
      const { title } = reminderMessage(content(row));
      const hint = renderReminderSms(row.kind as ReminderKind, smsVariables(content(row), ''))
        .slice(SMS_SIGNATURE.length)
        .replace(/：$/, '');
      try {
        const answer = await wechat.sendSubscribeMessage({
          touser: openid,
          templateId,
          page: row.targetPath ?? 'pages/index/index',
          data: { thing1: title.slice(0, 20), thing2: hint.slice(0, 20) },
          miniprogramState: settings.miniprogramState,
        });
        if (answer.outcome === 'sent') {
          await repo.markSent([row.id], now, answer.msgId, wechat.kind);
          summary.sent += 1;
        } else {
          // WeChat holds no subscription (left) for this user: ours was out of step; it is now.
          await repo.clearGrant(row.accountId!, templateId);
          await undeliverable(row, `subscription_refused:${answer.errcode}`, now, summary);
        }
      } catch (err) {
        const timedOut = (err as { cause?: { name?: string } }).cause?.name === 'TimeoutError';
        if (timedOut) {
          // No query API for subscription messages: never resent (the in-app message stays).
          await repo.finish([row.id], 'DEAD', 'timeout_unconfirmed');
          summary.dead += 1;
          continue;
        }
        await repo.restoreGrant(row.accountId!, templateId);
        await failed([row], now, `wechat:${err instanceof AppError ? err.code : 'INTERNAL'}`, summary);
      }
    }
  };
}
