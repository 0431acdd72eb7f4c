import { classifyDatabaseError } from '../../../db/errors';
import type { Db } from '../../../db/unit-of-work';
import type { SealedValue } from '../../../lib/field-crypto';

const isUniqueViolation = (err: unknown) => classifyDatabaseError(err) === 'unique-violation';

/**
 * Accounts: found by phone blind index or WeChat openid and created on first sign-in, and
 * read for the profile and the face check.
 */
export function createAccountRepo(db: Db) {
  /** find-or-create that survives two first sign-ins racing (the unique index decides). */
  async function findOrCreate(find: () => Promise<{ id: string } | null>, create: () => Promise<{ id: string }>) {
    const existing = await find();
    if (existing) return existing;
    try {
      return await create();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await find();
      if (!winner) throw err;
      return winner;
    }
  }

  return {
    findOrCreateByPhone: (phone: SealedValue) =>
      findOrCreate(
        // Any key's digest while a blind-index rotation runs; a new account stores the current one.
        () => db.account.findFirst({ where: { phoneHash: { in: phone.hashes } }, select: { id: true } }),
        () =>
          db.account.create({
            data: { phoneEnc: phone.enc, phoneHash: phone.hash, phoneMasked: phone.masked },
            select: { id: true },
          }),
      ),

    findOrCreateByWechat: (openid: string, unionid: string | null) =>
      findOrCreate(
        () => db.account.findUnique({ where: { wechatOpenId: openid }, select: { id: true } }),
        () => db.account.create({ data: { wechatOpenId: openid, wechatUnionId: unionid }, select: { id: true } }),
      ),

    /** Binds a (WeChat-verified) phone to the account; 'taken' if another account has it. */
    async bindPhone(accountId: string, phone: SealedValue): Promise<'bound' | 'taken'> {
      const holder = await db.account.findFirst({ where: { phoneHash: { in: phone.hashes } }, select: { id: true } });
      if (holder && holder.id !== accountId) return 'taken';
      try {
        await db.account.update({
          where: { id: accountId },
          data: { phoneEnc: phone.enc, phoneHash: phone.hash, phoneMasked: phone.masked },
        });
        return 'bound';
      } catch (err) {
        if (isUniqueViolation(err)) return 'taken';
        throw err;
      }
    },

    /** Everything the AccountProfile shows about the account itself (null: no such account). */
    findProfile: (accountId: string) =>
      db.account.findUnique({
        where: { id: accountId },
        select: {
          id: true,
          phoneMasked: true,
          holder: { select: { id: true, kind: true, name: true, idNumberMasked: true } },
          memberships: {
            where: { revokedAt: null },
            orderBy: { grantedAt: 'asc' },
            select: { role: true, operator: { select: { id: true, name: true } } },
          },
        },
      }),

    /** What a face provider checks against: the WeChat user and the bound holder's sealed identity. */
    findForFaceCheck: (accountId: string) =>
      db.account.findUniqueOrThrow({
        where: { id: accountId },
        select: { wechatOpenId: true, holder: { select: { name: true, idNumberEnc: true } } },
      }),

    /** The account signed in with this phone (blind index), if any. */
    /** By the phone's digests (one per blind-index key while a rotation runs). */
    findIdByPhoneHash: (phoneHashes: string[]) =>
      db.account.findFirst({ where: { phoneHash: { in: phoneHashes } }, select: { id: true } }),
  };
}

export type AccountRepo = ReturnType<typeof createAccountRepo>;
export type AccountProfileRow = NonNullable<Awaited<ReturnType<AccountRepo['findProfile']>>>;
