import type { Config } from '../../config';
import type { Logger } from '../../lib/logger';
import { createWechatClient, type WechatClient } from './wechat-client';

export type { WechatClient, WechatLoginSession, WechatPhoneNumber, WechatFaceVerifyInfo } from './wechat-client';
export { WechatError } from './wechat-errors';

/** The WeChat client from configuration, or null when no mini-program is configured. */
export function createWechatFromConfig(wechat: Config['wechat'], logger: Logger): WechatClient | null {
  return wechat ? createWechatClient({ ...wechat, logger }) : null;
}
