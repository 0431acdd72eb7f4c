import { randomInt, timingSafeEqual } from 'node:crypto';
import { SMS_CODE_TTL_SECONDS, smsSendLimits } from '@roadcert/shared';
import { AppError } from '../../../errors';
import { blindIndexKeyId } from '../../../lib/field-crypto';
import type { Device } from '../session/account-sessions';
import { createSignInCompleter, type SignInDeps } from './complete-sign-in';

/** Wrong codes a code survives; the last one kills it and locks the number. */
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_PHONE_LOCK_SECONDS = 15 * 60;
/** Per requesting IP (stored only as a keyed hash). Per-number limits: smsSendLimits in shared. */
export const smsIpLimits = { perHour: 20 } as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PURPOSE = 'login';

type RecentSends = { phone: Date[]; ip: Date[] };

/** "3分钟", "45秒", "2小时" — how long to wait, for messages. */
function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`;
  return `${Math.ceil(seconds / 3600)}小时`;
}

/** Seconds until a sliding window admits one more send, or 0 if it admits one now. */
function waitFor(times: Date[], limit: number, windowMs: number, now: Date): number {
  const inWindow = times.filter((t) => t.getTime() > now.getTime() - windowMs);
  if (inWindow.length < limit) return 0;
  return (inWindow[inWindow.length - limit]!.getTime() + windowMs - now.getTime()) / 1000;
}

function enforceSendLimits(recent: RecentSends, now: Date) {
  const phoneWait = Math.max(
    waitFor(recent.phone, smsSendLimits.perMinute, MINUTE, now),
    waitFor(recent.phone, smsSendLimits.perHour, HOUR, now),
    waitFor(recent.phone, smsSendLimits.perDay, DAY, now),
  );
  if (phoneWait > 0) {
    throw new AppError('SMS_RATE_LIMITED', {
      message: `获取验证码过于频繁，请${waitText(phoneWait)}后再试`,
      retryAfterSeconds: phoneWait,
    });
  }
  const ipWait = waitFor(recent.ip, smsIpLimits.perHour, HOUR, now);
  if (ipWait > 0) {
    throw new AppError('SMS_RATE_LIMITED', {
      message: `当前网络获取验证码过于频繁，请${waitText(ipWait)}后再试`,
      retryAfterSeconds: ipWait,
    });
  }
}

/**
 * Portal sign-in by phone + SMS code. Codes: 6 digits from crypto.randomInt, stored as
 * a keyed HMAC bound to the number, valid 5 minutes, single use, newest code only.
 */
export function createSmsSignIn(deps: SignInDeps) {
  const { data, audit } = deps;
  const { verificationCodes: codes, accounts } = data.repos;
  const completeSignIn = createSignInCompleter(deps);
  // The phone's digest under every blind-index key, current first (docs/retention.md, "Key
  // rotation"): codes, limits and locks from before a rotation still count.
  const phoneHashesOf = (phone: string) => deps.fieldCrypto.blindIndexes(phone, 'phone');
  // A code's digest is made with the key of the phone digest it is stored beside.
  const codeHashOf = (phoneHash: string, code: string) =>
    deps.fieldCrypto.blindIndexUnder(blindIndexKeyId(phoneHash), `${phoneHash}:${code}`, 'sms-code');

  async function assertNotLocked(phoneHashes: string[], now: Date) {
    const lock = await codes.lastLockout(
      phoneHashes,
      SMS_CODE_MAX_ATTEMPTS,
      new Date(now.getTime() - SMS_PHONE_LOCK_SECONDS * 1000),
    );
    if (!lock?.consumedAt) return;
    const wait = (lock.consumedAt.getTime() + SMS_PHONE_LOCK_SECONDS * 1000 - now.getTime()) / 1000;
    throw new AppError('SMS_CODE_LOCKED', {
      message: `验证码错误次数过多，请${waitText(wait)}后再试`,
      retryAfterSeconds: wait,
    });
  }

  async function requestCode(phone: string, ip: string, now = new Date()) {
    const phoneHashes = phoneHashesOf(phone);
    const phoneHash = phoneHashes[0]!;
    await assertNotLocked(phoneHashes, now);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const requestIps = deps.fieldCrypto.blindIndexes(ip, 'sms-request-ip');
    const requestIp = requestIps[0]!;
    // Check-and-insert under the phone's and the IP's lock, so racing sends cannot pass the limits.
    const row = await data.transaction(async (r) => {
      await r.verificationCodes.lockSends(phoneHash, requestIp);
      enforceSendLimits(
        {
          phone: await r.verificationCodes.sentSince({ phoneHash: phoneHashes }, new Date(now.getTime() - DAY)),
          ip: await r.verificationCodes.sentSince({ requestIp: requestIps }, new Date(now.getTime() - HOUR)),
        },
        now,
      );
      return r.verificationCodes.insert({
        phoneHash,
        requestIp,
        purpose: PURPOSE,
        codeHash: codeHashOf(phoneHash, code),
        expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
      });
    });
    try {
      await deps.sms.send({ phone, templateCode: 'LOGIN_CODE', params: { code } });
    } catch (err) {
      // Not delivered: the code must not work, and must not use up the number's allowance.
      await codes.remove(row.id);
      throw err;
    }
    return {
      expiresInSeconds: SMS_CODE_TTL_SECONDS,
      resendAfterSeconds: 60 / smsSendLimits.perMinute,
      deliveredBy: deps.sms.name,
    };
  }

  async function signIn(input: { phone: string; code: string; device: Device }, requestId: string, now = new Date()) {
    const phoneHashes = phoneHashesOf(input.phone);
    await assertNotLocked(phoneHashes, now);
    const latest = await codes.latest(phoneHashes, PURPOSE);
    if (!latest || latest.consumedAt) throw new AppError('SMS_CODE_INVALID');
    if (latest.expiresAt <= now) throw new AppError('SMS_CODE_EXPIRED');
    const expected = Buffer.from(codeHashOf(latest.phoneHash, input.code));
    const stored = Buffer.from(latest.codeHash);
    const matches = expected.length === stored.length && timingSafeEqual(expected, stored);
    if (!matches) {
      const attempts = await codes.recordWrongAttempt(latest.id, SMS_CODE_MAX_ATTEMPTS, now);
      if (attempts < SMS_CODE_MAX_ATTEMPTS) {
        throw new AppError('SMS_CODE_INVALID', {
          message: `验证码错误，还可尝试${SMS_CODE_MAX_ATTEMPTS - attempts}次`,
        });
      }
      await audit.record({
        actorKind: 'ANONYMOUS',
        action: 'auth.sms-code-locked',
        subjectType: 'VerificationCode',
        subjectId: latest.id,
        outcome: 'DENIED',
        requestId,
      });
      throw new AppError('SMS_CODE_LOCKED', {
        message: `验证码错误次数过多，请${waitText(SMS_PHONE_LOCK_SECONDS)}后再试`,
        retryAfterSeconds: SMS_PHONE_LOCK_SECONDS,
      });
    }
    if (!(await codes.consume(latest.id, SMS_CODE_MAX_ATTEMPTS, now))) throw new AppError('SMS_CODE_INVALID');
    const account = await accounts.findOrCreateByPhone(deps.fieldCrypto.sealPhone(input.phone));
    return completeSignIn(account.id, input.device, 'sms', requestId);
  }

  return { requestCode, signIn };
}
