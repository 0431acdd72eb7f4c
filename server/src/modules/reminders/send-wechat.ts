import { SMS_SIGNATURE, renderReminderSms, reminderMessage, smsVariables, type ReminderKind } from '@roadcert/shared';
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

/**
 * WeChat 订阅消息 rows of a claimed batch: one subscription grant used up atomically, then
 * subscribeMessage.send (keywords thing1 = the title, thing2 = the SMS sentence without signature
 * and link). 43101 → SUPPRESSED; a timeout is never resent (no query API); other errors give the
 * grant back and retry.
 */
export function createWechatSender(deps: {
  repo: SenderRepo;
  wechat: ReminderMessaging;
  settings: Pick<SenderSettings, 'subscribeTemplates' | 'miniprogramState'>;
  failed: (rows: ClaimedMessage[], now: Date, error: string, summary: SendSummary) => Promise<void>;
}) {
  const { repo, wechat, settings, failed } = deps;
  const content = contentOf;
  return async function sendWechat(rows: ClaimedMessage[], now: Date, summary: SendSummary) {
    const openIds = await repo.openIds([...new Set(rows.map((r) => r.accountId).filter((a): a is string => !!a))]);
    for (const row of rows) {
      const templateId = settings.subscribeTemplates[row.kind as ReminderKind];
      const openid = row.accountId ? openIds.get(row.accountId) : undefined;
      if (!templateId || !openid || !(await repo.useGrant(row.accountId!, templateId))) {
        await repo.finish([row.id], 'SUPPRESSED', !templateId ? 'template_not_configured' : 'no_subscription');
        summary.suppressed += 1;
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
        if (answer === 'sent') {
          await repo.markSent([row.id], now, null, wechat.kind);
          summary.sent += 1;
        } else {
          await repo.finish([row.id], 'SUPPRESSED', 'subscription_refused');
          summary.suppressed += 1;
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
