import { randomBytes } from 'node:crypto';
import type { WechatClient } from '../../adapters/wechat';
import type { Logger } from '../../lib/logger';

/**
 * What reminders need of WeChat: 订阅消息 and URL Links. `kind` says whether it is the real
 * client or the labelled local stand-in (embedded default, no mini-program configured).
 */
export type ReminderMessaging = Pick<WechatClient, 'sendSubscribeMessage' | 'generateUrlLink'> & {
  kind: 'wechat' | 'stand-in';
};

/**
 * LOCAL STAND-IN (no WECHAT_APP_ID): subscription messages are logged, not sent; URL Links are
 * made-up `weixin://dl/business/?t=STANDIN…` schemes that open nothing. The landing page and the
 * short-link API say `linkProvider: 'stand-in'`.
 */
export function createWechatMessagingStandIn(logger: Logger): ReminderMessaging {
  logger.warn(
    'Reminders use the WECHAT STAND-IN (no WECHAT_APP_ID): service notices are not sent, mini-program links are placeholders',
  );
  return {
    kind: 'stand-in',
    async sendSubscribeMessage(message) {
      logger.info(
        { standIn: true, templateId: message.templateId, page: message.page.split('?')[0] },
        'WeChat stand-in: notice not sent',
      );
      return { outcome: 'sent', msgId: null };
    },
    async generateUrlLink() {
      return { urlLink: `weixin://dl/business/?t=STANDIN${randomBytes(6).toString('hex')}` };
    },
  };
}

export const reminderMessaging = (wechat: WechatClient | null, logger: Logger): ReminderMessaging =>
  wechat
    ? {
        kind: 'wechat',
        sendSubscribeMessage: (m) => wechat.sendSubscribeMessage(m),
        generateUrlLink: (r) => wechat.generateUrlLink(r),
      }
    : createWechatMessagingStandIn(logger);
