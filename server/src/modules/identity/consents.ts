import { consentTexts, type ConsentKind } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * PIPL consents (separate consent for ID numbers and face data, Art. 29). A consent is
 * current while it is not withdrawn and was given to the current version of its text;
 * a new text version means asking again.
 */
export function createConsentRepo(db: Db) {
  /** The newest unwithdrawn consent of each kind (any text version). */
  async function given(accountId: string) {
    const rows = await db.consent.findMany({
      where: { accountId, withdrawnAt: null },
      orderBy: { grantedAt: 'desc' },
      select: { kind: true, textVersion: true, grantedAt: true },
    });
    const newest = new Map<ConsentKind, (typeof rows)[number]>();
    for (const r of rows) if (!newest.has(r.kind)) newest.set(r.kind, r);
    return [...newest.values()];
  }

  return {
    given,

    /** Throws CONSENT_REQUIRED naming every missing kind (fields: kind → title). */
    async require(accountId: string, kinds: readonly ConsentKind[]) {
      const current = new Set(
        (await given(accountId)).filter((c) => c.textVersion === consentTexts[c.kind].version).map((c) => c.kind),
      );
      const missing = kinds.filter((k) => !current.has(k));
      if (missing.length === 0) return;
      throw new AppError('CONSENT_REQUIRED', {
        message: `请先阅读并同意${missing.map((k) => `《${consentTexts[k].title}》`).join('')}`,
        fields: Object.fromEntries(missing.map((k) => [k, consentTexts[k].title])),
      });
    },

    /** Records consent to the current text; granting the same version again is a no-op. */
    async grant(accountId: string, kind: ConsentKind, textVersion: string) {
      const current = consentTexts[kind].version;
      if (textVersion !== current) {
        throw new AppError('VALIDATION_FAILED', {
          message: '授权文本已更新，请重新阅读后同意',
          fields: { textVersion: `当前版本为 ${current}` },
        });
      }
      const existing = await db.consent.findFirst({ where: { accountId, kind, textVersion, withdrawnAt: null } });
      if (existing) return { created: false };
      await db.consent.create({ data: { accountId, kind, textVersion } });
      return { created: true };
    },

    /** Withdraws every standing consent of that kind; returns how many were withdrawn. */
    async withdraw(accountId: string, kind: ConsentKind) {
      const { count } = await db.consent.updateMany({
        where: { accountId, kind, withdrawnAt: null },
        data: { withdrawnAt: new Date() },
      });
      return count;
    },
  };
}
