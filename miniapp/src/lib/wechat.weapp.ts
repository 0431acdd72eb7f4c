/**
 * WeChat-only APIs (imported only from `*.weapp.*` files, so the H5 build never sees them).
 */
import Taro from '@tarojs/taro';

/** A failed WeChat call, with WeChat's own errMsg for the logs and a Chinese message for people. */
export class WechatCallError extends Error {
  constructor(
    message: string,
    readonly errMsg: string,
    readonly cancelled: boolean,
  ) {
    super(message);
    this.name = 'WechatCallError';
  }
}

function errMsgOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error)
    return String((error as { errMsg: unknown }).errMsg);
  return String(error);
}

/** A one-time code (valid 5 minutes) the server exchanges with WeChat's code2Session. */
export async function wechatLoginCode(): Promise<string> {
  try {
    const { code } = await Taro.login();
    if (!code) throw new Error('wx.login returned no code');
    return code;
  } catch (error) {
    throw new WechatCallError('微信登录失败，请重试', errMsgOf(error), false);
  }
}

/**
 * WeChat 人脸核身. Name and ID number come from what the person typed (kept in memory only);
 * the returned verifyResult goes to the server, which asks WeChat for the real outcome.
 */
export async function wechatFaceVerify(identity: { name: string; idNumber: string }): Promise<string> {
  try {
    const result = await Taro.startFacialRecognitionVerify({
      name: identity.name,
      idCardNumber: identity.idNumber,
      checkAliveType: 2,
    });
    return result.verifyResult;
  } catch (error) {
    const errMsg = errMsgOf(error);
    // WeChat still hands back a verifyResult on some failures; the server decides from it.
    const verifyResult = (error as { verifyResult?: unknown }).verifyResult;
    if (typeof verifyResult === 'string' && verifyResult) return verifyResult;
    const cancelled = /cancel/i.test(errMsg);
    throw new WechatCallError(
      cancelled ? '您已取消人脸核验' : '人脸核验未完成，请在光线充足处正对屏幕重试',
      errMsg,
      cancelled,
    );
  }
}

export type PrivacyResolve = (option: {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  buttonId?: string;
}) => void;

/** Registers the one WeChat privacy-authorisation listener (WeChat keeps only the last one). */
export function onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve) => void): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return; // base library < 2.32.3
  Taro.onNeedPrivacyAuthorization((resolve) => listener(resolve));
}

/** Opens the 《小程序用户隐私保护指引》 configured in the MP admin console. */
export function openPrivacyContract(): void {
  Taro.openPrivacyContract({ fail: () => undefined });
}
