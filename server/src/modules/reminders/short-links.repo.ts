import type { Db } from '../../db/unit-of-work';

/** Short links (ShortLink rows): opened by the landing page, counted for the click-through rate. */
export function createShortLinksRepo(db: Db) {
  return {
    find: (code: string) =>
      db.shortLink.findUnique({
        where: { code },
        select: { code: true, targetPath: true, expiresAt: true, wechatUrlLink: true, wechatUrlLinkExpiresAt: true },
      }),
    /** One more open; the first one dated. */
    async opened(code: string, at: Date) {
      await db.shortLink.update({ where: { code }, data: { clicks: { increment: 1 } } });
      await db.shortLink.updateMany({ where: { code, firstOpenedAt: null }, data: { firstOpenedAt: at } });
    },
    cacheUrlLink: (code: string, link: string, expiresAt: Date) =>
      db.shortLink.update({ where: { code }, data: { wechatUrlLink: link, wechatUrlLinkExpiresAt: expiresAt } }),
  };
}

export type ShortLinksRepo = ReturnType<typeof createShortLinksRepo>;
