import {
  accountProfileSchema,
  consoleSmsListSchema,
  smsCodeSentSchema,
  tokenPairSchema,
  type TokenPair,
} from '@roadcert/shared';
import type { DeviceInput } from '../../lib/device-types';
import { getJson, postJson, postPublic } from '../../lib/request';
import type { Account } from '../account/api';

export function requestSmsCode(phone: string) {
  return postPublic('/api/v1/auth/sms-codes', { phone }, smsCodeSentSchema);
}

export function smsLogin(input: { phone: string; code: string; device: DeviceInput }): Promise<TokenPair> {
  return postPublic('/api/v1/auth/sms-login', { ...input }, tokenPairSchema);
}

/** Mini-program: the `Taro.login` code, exchanged by the server with WeChat (code2Session). */
export function wechatLogin(input: { code: string; device: DeviceInput }): Promise<TokenPair> {
  return postPublic('/api/v1/auth/wechat-login', { ...input }, tokenPairSchema);
}

/** Mini-program: binds the phone number behind a getPhoneNumber button code to the signed-in account. */
export function bindWechatPhone(code: string): Promise<Account> {
  return postJson('/api/v1/auth/wechat-phone', { code }, accountProfileSchema);
}

/** The local SMS stand-in's outbox (embedded mode only; production has no such endpoint). */
export async function fetchLocalSmsOutbox(phone: string) {
  const outbox = await getJson('/api/v1/dev/sms-outbox', consoleSmsListSchema, { phone });
  return outbox.items;
}
