import { createHash } from 'node:crypto';
import { AppError } from '../../../errors';
import type { FaceOutcome, FaceVerificationProvider } from './face-verification-provider';
import type { WechatClient } from '../../../adapters/wechat';

/** The one WeChat call the face check needs (adapters/wechat). */
export type WechatFaceApi = Pick<WechatClient, 'getFaceVerifyResult'>;

/** A result older than its attempt (minus clock skew) belongs to another attempt. */
const CLOCK_SKEW_MS = 60_000;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * WeChat 人脸核身 (mini-program). The mini-program runs wx.startFacialRecognitionVerify
 * and sends its verify_result; the outcome is what WeChat's getinfo says, never the
 * client's word. A pass also requires that the check was done by this account's WeChat
 * user (openid), after this attempt started, on the bound holder's identity (the md5s of
 * ID number and name WeChat returns), and that the same verify_result never confirms a
 * second attempt (providerRef = sha256(verify_result), unique).
 */
export function createWechatFaceProvider(api: WechatFaceApi): FaceVerificationProvider {
  return {
    name: 'wechat',
    standIn: false,
    async confirm({ attempt, account, expectedIdentity }, input): Promise<FaceOutcome> {
      if (!input.verifyResult)
        throw new AppError('VALIDATION_FAILED', { fields: { verifyResult: '缺少微信人脸核身结果' } });
      const providerRef = sha256(input.verifyResult);
      const fail = (reason: string): FaceOutcome => ({ passed: false, providerRef, reason });
      const info = await api.getFaceVerifyResult(input.verifyResult);
      if (info.errcode !== 0) return fail(`wechat_errcode_${info.errcode}`);
      if (info.identify_ret !== 0) return fail('not_passed');
      if (!info.openid || !account.wechatOpenId || info.openid !== account.wechatOpenId) return fail('openid_mismatch');
      if (
        typeof info.identify_time !== 'number' ||
        info.identify_time * 1000 < attempt.createdAt.getTime() - CLOCK_SKEW_MS
      )
        return fail('stale_result');
      if (info.id_card_number_md5 || info.name_utf8_md5) {
        const expected = expectedIdentity();
        if (info.id_card_number_md5 && info.id_card_number_md5.toLowerCase() !== md5(expected.idNumber.toUpperCase()))
          return fail('identity_mismatch');
        if (info.name_utf8_md5 && info.name_utf8_md5.toLowerCase() !== md5(expected.name))
          return fail('identity_mismatch');
      }
      return { passed: true, providerRef };
    },
  };
}
