import type { ErrorCode } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { Logger } from '../../lib/logger';

/** An AppError that remembers WeChat's errcode (null: transport failure). */
export class WechatError extends AppError {
  constructor(
    code: ErrorCode,
    readonly errcode: number | null,
    message: string,
    cause?: unknown,
  ) {
    super(code, { message, cause, retryAfterSeconds: code === 'RATE_LIMITED' ? 60 : undefined });
  }
}

type Operation = 'login' | 'phone' | 'token' | 'face' | 'message' | 'link';

/**
 * WeChat errcodes → stable errors with Chinese messages. Documented for code2Session:
 * 40029 invalid code, 45011 rate limit (100 per user per minute), 40226 high-risk user
 * blocked, -1 system busy; 40163 is "code already used".
 */
export function wechatError(errcode: number, operation: Operation, logger: Logger, errmsg?: unknown): WechatError {
  const codeProblem =
    operation === 'phone' ? '手机号授权已失效，请重新点击授权' : '微信登录凭证无效或已使用，请重新登录';
  switch (errcode) {
    case 40029:
    case 40163:
      return new WechatError('WECHAT_LOGIN_FAILED', errcode, codeProblem);
    case 40226:
      return new WechatError(
        'WECHAT_LOGIN_FAILED',
        errcode,
        '微信提示该账号存在安全风险，暂时无法登录，请改用手机号验证码登录',
      );
    case 45011:
      return new WechatError('RATE_LIMITED', errcode, '微信登录过于频繁，请1分钟后再试');
    case -1:
      return new WechatError('UPSTREAM_UNAVAILABLE', errcode, '微信服务繁忙，请稍后再试');
    default:
      // Our configuration (app id/secret, API not enabled) or an undocumented answer.
      logger.error(
        { wechatOperation: operation, errcode, errmsg: typeof errmsg === 'string' ? errmsg.slice(0, 200) : undefined },
        'WeChat API refused the call',
      );
      return new WechatError('UPSTREAM_UNAVAILABLE', errcode, '微信服务暂不可用，请稍后再试');
  }
}
