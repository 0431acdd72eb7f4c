import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors';
import { isUuid } from '../../lib/ids';
import { uuidv7 } from '../../lib/uuidv7';
import { decoyPasswordHash, verifyPassword } from './password';
import type { StaffModule } from './staff.module';
import { TOTP_SECRET_COLUMN } from './staff.repo';
import { base32Decode, verifyTotp } from './totp';

/** Failures (wrong password or wrong code, counted together) before the account locks. */
export const STAFF_MAX_FAILURES = 5;
export const STAFF_LOCK_SECONDS = 15 * 60;
export const STAFF_CHALLENGE_TTL_SECONDS = 5 * 60;
/** Wrong codes a challenge survives. */
export const STAFF_CHALLENGE_MAX_CODES = 5;
/** Absolute session length; the idle limit (30 min) is enforced by requireStaff. */
export const STAFF_SESSION_SECONDS = 8 * 3600;

const locked = (until: Date, now: Date) =>
  new AppError('STAFF_LOCKED', {
    message: '登录失败次数过多，账号已锁定15分钟，请稍后再试',
    retryAfterSeconds: (until.getTime() - now.getTime()) / 1000,
  });
/**
 * Every refusal of the password step, a locked account included: telling "locked" from
 * "unknown user" would confirm that the username exists. The text says that repeated
 * failures lock, so a locked member of staff knows what may be going on.
 */
const passwordRefused = () =>
  new AppError('STAFF_LOGIN_FAILED', { message: '用户名或密码错误；连续错误5次，账号将锁定15分钟' });
const challengeGone = () => new AppError('STAFF_LOGIN_FAILED', { message: '登录已失效，请重新输入用户名和密码' });

/**
 * Authority staff sign-in: username + password (scrypt) → a challenge → TOTP code →
 * a staff session. An unknown user, a wrong password, a disabled and a locked account look
 * the same (STAFF_LOGIN_FAILED, same message, same scrypt cost, no Retry-After). Only the
 * code step, which the caller reaches with the right password, says 423 STAFF_LOCKED. Wrong passwords and wrong codes count
 * together; only a complete sign-in resets the count, so knowing the password does not
 * buy unlimited code guesses.
 */
export function createStaffSignIn(deps: StaffModule) {
  const { staff, sessions } = deps.data.repos;
  const { audit } = deps;
  const lockEnd = (now: Date) => new Date(now.getTime() + STAFF_LOCK_SECONDS * 1000);

  async function login(input: { username: string; password: string }, requestId: string, now = new Date()) {
    const user = await staff.findForSignIn(input.username);
    // The password is checked (scrypt) whatever the account's state, so a locked account
    // takes as long as an unknown one, and then answers the same.
    const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
    const wasLocked = !!user?.lockedUntil && user.lockedUntil > now;
    if (!user || wasLocked || !passwordOk || user.disabledAt || !user.totpSecretEnc) {
      if (user) {
        // While locked nothing is counted: the lock ends when it was set to.
        const lockedUntil = wasLocked
          ? user.lockedUntil
          : await staff.recordFailure(user.id, STAFF_MAX_FAILURES, lockEnd(now));
        await audit.record({
          actorKind: 'STAFF',
          actorId: user.id,
          action: 'staff.sign-in',
          outcome: 'DENIED',
          requestId,
          detail: { step: 'password', locked: lockedUntil !== null, whileLocked: wasLocked },
        });
      }
      throw passwordRefused();
    }
    const challenge = await staff.createChallenge(
      user.id,
      new Date(now.getTime() + STAFF_CHALLENGE_TTL_SECONDS * 1000),
    );
    return { challengeId: challenge.id, secondFactor: 'TOTP' as const };
  }

  async function verify(input: { challengeId: string; code: string }, requestId: string, now = new Date()) {
    if (!isUuid(input.challengeId)) throw challengeGone();
    const challenge = await staff.findChallenge(input.challengeId);
    if (!challenge || challenge.consumedAt || challenge.expiresAt <= now) throw challengeGone();
    const user = await staff.findForSecondFactor(challenge.staffUserId);
    if (!user?.totpSecretEnc || user.disabledAt) throw challengeGone();
    if (user.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil, now);

    const secret = base32Decode(deps.fieldCrypto.decrypt(user.totpSecretEnc, TOTP_SECRET_COLUMN));
    const step = verifyTotp(secret, input.code, now);
    // A code is good once (RFC 6238 §5.2): a replayed step counts as a wrong code.
    if (step === null || !(await staff.acceptTotpStep(user.id, step))) {
      const attempts = await staff.challengeWrongCode(challenge.id, STAFF_CHALLENGE_MAX_CODES, now);
      const lockedUntil = await staff.recordFailure(user.id, STAFF_MAX_FAILURES, lockEnd(now));
      await audit.record({
        actorKind: 'STAFF',
        actorId: user.id,
        action: 'staff.sign-in',
        outcome: 'DENIED',
        requestId,
        detail: { step: 'totp', locked: lockedUntil !== null },
      });
      if (lockedUntil) throw locked(lockedUntil, now);
      if (attempts >= STAFF_CHALLENGE_MAX_CODES)
        throw new AppError('STAFF_LOGIN_FAILED', { message: '动态验证码错误次数过多，请重新登录' });
      throw new AppError('SECOND_FACTOR_INVALID', { message: '动态验证码错误，请核对验证器中的6位数字后重试' });
    }
    if (!(await staff.consumeChallenge(challenge.id, STAFF_CHALLENGE_MAX_CODES, now))) throw challengeGone();
    await staff.resetFailures(user.id);

    const expiresAt = new Date(now.getTime() + STAFF_SESSION_SECONDS * 1000);
    const session = await sessions.create({
      id: uuidv7(now.getTime()),
      staffUserId: user.id,
      // Staff sessions have no refresh token (8 h absolute, 30 min idle); the column wants a unique value.
      refreshTokenHash: deps.sessionTokens.hashRefresh(randomBytes(32).toString('base64url')),
      platform: 'h5',
      deviceLabel: '运管工作台',
      expiresAt,
    });
    await audit.record({
      actorKind: 'STAFF',
      actorId: user.id,
      action: 'staff.sign-in',
      subjectType: 'Session',
      subjectId: session.id,
      outcome: 'OK',
      requestId,
    });
    const profile = await staff.profile(user.id);
    if (!profile) throw challengeGone();
    return {
      // The access token lives as long as the session; idle and revocation are checked per request.
      accessToken: deps.sessionTokens.issue(session.id, expiresAt),
      accessTokenExpiresAt: expiresAt.toISOString(),
      staff: profile,
    };
  }

  return {
    login,
    verify,
    profile: (id: string) => staff.profile(id),
    signOut: (sessionId: string) => sessions.revoke(sessionId, new Date()),
  };
}
