import { timingSafeEqual } from 'node:crypto';
import { realNameLimits } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { MatchAccount, MatchGuardRepo } from './match-guard.repo';

const HOUR = 3_600_000;

export type { MatchAccount };

/**
 * Identity matching (real-name binding, operator activation) is limited per account:
 * realNameLimits.maxFailures failures within windowHours lock it for lockHours. The
 * account row is locked FOR UPDATE for the whole attempt (call these inside one
 * transaction, with its repo), so parallel attempts are counted one after another and
 * cannot slip past the limit.
 */
export async function lockAccountForMatching(guard: MatchGuardRepo, accountId: string): Promise<MatchAccount> {
  const account = await guard.lockAccount(accountId);
  if (!account) throw new AppError('TOKEN_INVALID');
  return account;
}

export const isLocked = (account: MatchAccount, now: Date) =>
  account.realNameLockedTill !== null && account.realNameLockedTill > now;

/** Counts one failed match; returns the lock end if this failure locked the account. */
export async function countMatchFailure(guard: MatchGuardRepo, account: MatchAccount, now: Date): Promise<Date | null> {
  const windowOpen =
    account.realNameFailuresSince !== null &&
    now.getTime() - account.realNameFailuresSince.getTime() < realNameLimits.windowHours * HOUR;
  const failures = windowOpen ? account.realNameFailures + 1 : 1;
  if (failures >= realNameLimits.maxFailures) {
    const lockedTill = new Date(now.getTime() + realNameLimits.lockHours * HOUR);
    await guard.lockUntil(account.id, lockedTill);
    return lockedTill;
  }
  await guard.recordFailures(account.id, failures, windowOpen ? account.realNameFailuresSince : now);
  return null;
}

export const clearMatchFailures = (guard: MatchGuardRepo, accountId: string) => guard.clear(accountId);

export const lockedError = (lockedTill: Date, now: Date) =>
  new AppError('REAL_NAME_LOCKED', { retryAfterSeconds: (lockedTill.getTime() - now.getTime()) / 1000 });

/** The one answer for every mismatch, whatever the reason (never reveals whether an ID exists). */
export const mismatchError = () => new AppError('REAL_NAME_MISMATCH');

/** Constant-time equality for names and blind indexes; different lengths simply differ. */
export function sameText(a: string | null | undefined, b: string) {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
