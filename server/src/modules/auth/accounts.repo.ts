import type { PrismaClient } from '../../generated/prisma/client';
import { Prisma } from '../../generated/prisma/client';
import type { SealedValue } from '../../lib/field-crypto';

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** Accounts as sign-in sees them: found by phone blind index or WeChat openid, created on first sign-in. */
export function createAccountRepo(prisma: PrismaClient) {
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
        () => prisma.account.findUnique({ where: { phoneHash: phone.hash }, select: { id: true } }),
        () =>
          prisma.account.create({
            data: { phoneEnc: phone.enc, phoneHash: phone.hash, phoneMasked: phone.masked },
            select: { id: true },
          }),
      ),

    findOrCreateByWechat: (openid: string, unionid: string | null) =>
      findOrCreate(
        () => prisma.account.findUnique({ where: { wechatOpenId: openid }, select: { id: true } }),
        () => prisma.account.create({ data: { wechatOpenId: openid, wechatUnionId: unionid }, select: { id: true } }),
      ),

    /** Binds a (WeChat-verified) phone to the account; 'taken' if another account has it. */
    async bindPhone(accountId: string, phone: SealedValue): Promise<'bound' | 'taken'> {
      const holder = await prisma.account.findUnique({ where: { phoneHash: phone.hash }, select: { id: true } });
      if (holder && holder.id !== accountId) return 'taken';
      try {
        await prisma.account.update({
          where: { id: accountId },
          data: { phoneEnc: phone.enc, phoneHash: phone.hash, phoneMasked: phone.masked },
        });
        return 'bound';
      } catch (err) {
        if (isUniqueViolation(err)) return 'taken';
        throw err;
      }
    },
  };
}
