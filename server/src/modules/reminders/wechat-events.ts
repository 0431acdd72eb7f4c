import { reminderRules, type ReminderKind } from '@roadcert/shared';
import type { WechatPushEvent } from '../../adapters/wechat/wechat-push';
import { NOT_SUBSCRIBED_ERRCODES } from '../../adapters/wechat/wechat-client';
import type { Logger } from '../../lib/logger';
import type { SmsFallback } from './send-wechat';
import type { WechatEventsRepo } from './wechat-events.repo';

/** What one push changed (the test and the log read it; no openid, no template id). */
export type PushOutcome = { event: string; delivered: number; failed: number; fallback: number; grants: number };

/**
 * WeChat's pushes about our notices (docs/reminders.md, "WeChat delivery events"):
 * - subscribe_msg_sent_event: the delivery result per notice, matched by the MsgID `send`
 *   returned (MessageOutbox.providerMessageId) and the openid it went to → deliveryState
 *   DELIVERED, or FAILED with `wechat_event:<ErrorCode>`. A 43101 failure (the user refused)
 *   clears the grant and hands the reminder to SMS as the sender would have.
 * - subscribe_msg_popup_event / subscribe_msg_change_event: the user's choice per template →
 *   accept: at least one grant (the mini-program's own report of the same tap adds it too; an
 *   older event never changes a grant changed after it), reject: none left.
 * Pushes are retried by WeChat: every statement is idempotent.
 */
export function createWechatEvents(deps: {
  repo: WechatEventsRepo;
  logger: Logger;
  smsFallback: SmsFallback;
  now: () => Date;
}) {
  const { repo } = deps;

  async function sent(e: Extract<WechatPushEvent, { event: 'subscribe_msg_sent_event' }>, out: PushOutcome) {
    for (const item of e.items) {
      const ok = item.errorCode === 0;
      const rows = await repo.delivery(item.msgId, e.openid, ok, e.at, `wechat_event:${item.errorCode}`);
      if (ok) {
        out.delivered += rows.length;
        continue;
      }
      out.failed += rows.length;
      if (!NOT_SUBSCRIBED_ERRCODES.has(item.errorCode)) continue;
      for (const row of rows) await repo.setGrant(row.aid, item.templateId, 'reject', e.at);
      const handed = rows.filter((r) => reminderRules[r.kind as ReminderKind]?.fallback).map((r) => r.rid);
      out.fallback += (await deps.smsFallback(handed, deps.now())).length;
    }
  }

  return {
    async record(e: WechatPushEvent): Promise<PushOutcome> {
      const out: PushOutcome = { event: e.event, delivered: 0, failed: 0, fallback: 0, grants: 0 };
      if (e.event === 'other') return out;
      if (e.event === 'subscribe_msg_sent_event') await sent(e, out);
      else
        for (const accountId of await repo.accountsOf(e.openid))
          for (const item of e.items) out.grants += await repo.setGrant(accountId, item.templateId, item.status, e.at);
      deps.logger.info({ ...out }, 'WeChat push recorded');
      return out;
    },
  };
}

export type WechatEvents = ReturnType<typeof createWechatEvents>;
