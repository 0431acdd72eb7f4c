import { randomInt } from 'node:crypto';
import type { TestApp } from './app';

/** Test steps for holder sign-in through the real endpoints (console SMS stand-in). */
export const randomPhone = () => `137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
/** Each call from its own address, so per-IP limits only bite where a test wants them to. */
export const randomIp = () => `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export const requestSmsCode = (t: TestApp, phone: string, ip = randomIp()) =>
  t.api('/api/v1/auth/sms-codes', { body: { phone }, headers: { 'x-forwarded-for': ip } });

/** The code in the newest message the console stand-in kept for this number. */
export async function readConsoleCode(t: TestApp, phone: string): Promise<string> {
  const res = await t.api(`/api/v1/dev/sms-outbox?phone=${phone}`);
  const text: string | undefined = res.json?.items?.[0]?.text;
  const code = /验证码(\d{6})/.exec(text ?? '')?.[1];
  if (!code) throw new Error(`no code in the console outbox for ${phone}: ${res.text}`);
  return code;
}

export const smsLogin = (
  t: TestApp,
  phone: string,
  code: string,
  device: { platform: 'h5' | 'weapp'; label?: string } = { platform: 'h5', label: '测试浏览器' },
) => t.api('/api/v1/auth/sms-login', { body: { phone, code, device } });

/** Send a code, read it, sign in: the token pair (throws unless it worked). */
export async function smsSignIn(
  t: TestApp,
  phone = randomPhone(),
  device?: { platform: 'h5' | 'weapp'; label?: string },
) {
  const sent = await requestSmsCode(t, phone);
  if (sent.status !== 200) throw new Error(`sms-codes answered ${sent.status}: ${sent.text}`);
  const res = await smsLogin(t, phone, await readConsoleCode(t, phone), device);
  if (res.status !== 200) throw new Error(`sms-login answered ${res.status}: ${res.text}`);
  return {
    phone,
    ...(res.json as {
      accessToken: string;
      refreshToken: string;
      accessTokenExpiresAt: string;
      refreshTokenExpiresAt: string;
      account: { id: string };
    }),
  };
}
