import { phoneSchema } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { WechatClient } from '../../../adapters/wechat';
import type { Device } from '../session/account-sessions';
import { buildAccountProfile } from './account-profile';
import { createSignInCompleter, type SignInDeps } from './complete-sign-in';

/**
 * Mini-program sign-in: wx.login's code → code2Session → the account of that openid
 * (created on first sign-in). WeChat's session_key is not kept anywhere. The phone number
 * comes later from the 手机号快速验证 button (getuserphonenumber).
 */
export function createWechatSignIn(deps: SignInDeps) {
  const { accounts } = deps.data.repos;
  const completeSignIn = createSignInCompleter(deps);

  function wechat(): WechatClient {
    if (!deps.wechat) throw new AppError('UPSTREAM_UNAVAILABLE', { message: '微信登录未配置，请使用手机号验证码登录' });
    return deps.wechat;
  }

  async function signIn(code: string, device: Device, requestId: string) {
    const session = await wechat().code2Session(code);
    const account = await accounts.findOrCreateByWechat(session.openid, session.unionid);
    return completeSignIn(account.id, device, 'wechat', requestId);
  }

  async function bindPhone(accountId: string, code: string) {
    const phone = await wechat().getPhoneNumber(code);
    if (phone.countryCode !== '86' || !phoneSchema.safeParse(phone.purePhoneNumber).success) {
      throw new AppError('VALIDATION_FAILED', {
        message: '目前仅支持中国大陆手机号',
        fields: { code: '目前仅支持中国大陆手机号' },
      });
    }
    const outcome = await accounts.bindPhone(accountId, deps.fieldCrypto.sealPhone(phone.purePhoneNumber));
    if (outcome === 'taken')
      throw new AppError('CONFLICT', { message: '该手机号已绑定其他账号，请使用该手机号验证码登录' });
    return buildAccountProfile(deps.data.repos, accountId, deps.config.face.windowMinutes);
  }

  return { signIn, bindPhone };
}
