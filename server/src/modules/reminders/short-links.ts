import { shortLinkCodePattern, type ShortLinkView } from '@roadcert/shared';
import type { Logger } from '../../lib/logger';
import type { ReminderMessaging } from './messaging';
import type { ShortLinksRepo } from './short-links.repo';

const DAY = 86_400_000;
/** A cached URL Link is reused until this close to its end. */
const LINK_MARGIN = 3600_000;

export type OpenedLink = { state: 'ok'; view: ShortLinkView } | { state: 'unknown' } | { state: 'expired' };

/**
 * Opening `PUBLIC_BASE_URL/s/<code>`: the portal page of the reminder, and a WeChat URL Link to
 * the same page in the mini-program, generated WHEN THE LINK IS OPENED (never per SMS: WeChat
 * allows 500,000 a day, and each lives ≤ 30 days) and cached on the row until an hour before it
 * expires. A failure to make one is not the holder's problem: the portal still works.
 */
export function createShortLinks(deps: {
  repo: ShortLinksRepo;
  messaging: ReminderMessaging;
  publicBaseUrl: string;
  envVersion: 'release' | 'trial' | 'develop';
  logger: Logger;
}) {
  async function miniProgramUrl(
    link: NonNullable<Awaited<ReturnType<ShortLinksRepo['find']>>>,
    now: Date,
  ): Promise<string | null> {
    if (
      link.wechatUrlLink &&
      link.wechatUrlLinkExpiresAt &&
      link.wechatUrlLinkExpiresAt.getTime() - LINK_MARGIN > now.getTime()
    )
      return link.wechatUrlLink;
    const days = link.expiresAt ? Math.ceil((link.expiresAt.getTime() - now.getTime()) / DAY) : 30;
    const [path, query = ''] = link.targetPath.split('?');
    try {
      const expireIntervalDays = Math.min(30, Math.max(1, days));
      const { urlLink } = await deps.messaging.generateUrlLink({
        path: path!,
        query,
        expireIntervalDays,
        envVersion: deps.envVersion,
      });
      await deps.repo.cacheUrlLink(link.code, urlLink, new Date(now.getTime() + expireIntervalDays * DAY));
      return urlLink;
    } catch (err) {
      deps.logger.warn(
        { err: (err as Error).name },
        'WeChat URL Link not generated; the landing page offers the portal only',
      );
      return null;
    }
  }

  return {
    async open(code: string, now = new Date(), count = true): Promise<OpenedLink> {
      const link = shortLinkCodePattern.test(code) ? await deps.repo.find(code) : null;
      if (!link) return { state: 'unknown' };
      if (link.expiresAt && link.expiresAt <= now) return { state: 'expired' };
      if (count) await deps.repo.opened(code, now);
      return {
        state: 'ok',
        view: {
          targetPath: link.targetPath,
          portalUrl: `${deps.publicBaseUrl}/${link.targetPath}`,
          miniProgramUrl: await miniProgramUrl(link, now),
          linkProvider: deps.messaging.kind,
        },
      };
    },
  };
}

export type ShortLinks = ReturnType<typeof createShortLinks>;
