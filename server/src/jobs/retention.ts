import type { ObjectStorage } from '../adapters/storage';
import type { RetentionRepo } from './retention.repo';
import type { JobDefinition } from './runner';

const DAY = 24 * 60 * 60 * 1000;

/**
 * How long each kind of short-lived or personal row is kept (docs/retention.md gives the
 * reasons). Changing a period is a policy decision: update the document with it.
 */
export const retentionPeriods = {
  /** SMS codes live minutes; the 24 h per-phone / per-IP send limits count them for a day. */
  smsCodesDays: 2,
  /** Staff sign-in challenges live 5 minutes; two days leaves room to investigate a lockout. */
  loginChallengesDays: 2,
  /** Sessions after they expired or were revoked (the session list shows recent sign-outs). */
  endedSessionsDays: 30,
  /** A photo no application, certificate or task holds (never attached, or replaced). */
  unlinkedPhotosDays: 30,
  /** Objects of DELETED photos are removed again for this long, so a failed removal is retried. */
  deletedPhotoSweepDays: 7,
  /** 用证记录 (verification, lookup, share openings): shown to the holder, kept three years. */
  usageEventsDays: 3 * 365,
} as const;

export type RetentionDeps = {
  retention: RetentionRepo;
  storage: Pick<ObjectStorage, 'delete'>;
  now?: () => Date;
};

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/**
 * Unlinked photos: the row is marked DELETED first (conditionally, so a photo attached a moment
 * ago is kept), then its objects go. If removing an object fails the run fails and is retried;
 * recently DELETED photos are swept again on every run, and removing a missing object is not an
 * error, so no object outlives its row for long.
 */
export async function cleanUpPhotos({ retention, storage, now = () => new Date() }: RetentionDeps) {
  const at = now();
  let deleted = 0;
  for (;;) {
    const batch = await retention.unlinkedPhotosBefore(before(at, retentionPeriods.unlinkedPhotosDays));
    for (const photo of batch) if (await retention.markUnlinkedPhotoDeleted(photo.id, at)) deleted += 1;
    if (batch.length < 200) break;
  }
  const sweep = await retention.photosDeletedSince(before(at, retentionPeriods.deletedPhotoSweepDays));
  for (const photo of sweep) {
    for (const key of [photo.processedKey, photo.originalKey]) if (key) await storage.delete(key);
  }
  return { photosDeleted: deleted, objectsSwept: sweep.length };
}

/** The retention jobs, each daily at its own minute (spread so they do not start together). */
export function retentionJobs(deps: RetentionDeps): JobDefinition[] {
  const { retention, now = () => new Date() } = deps;
  const daily = (minute: number) => `${minute} 3 * * *`; // 03:xx UTC = 11:xx Beijing, off-peak for staff
  const simple = (
    name: string,
    minute: number,
    description: string,
    clean: (cutoff: Date) => Promise<number>,
    days: number,
  ): JobDefinition => ({
    name,
    cron: daily(minute),
    description,
    run: async () => ({ deleted: await clean(before(now(), days)) }),
  });
  return [
    simple(
      'retention.sms-codes',
      5,
      `SMS codes older than ${retentionPeriods.smsCodesDays} days`,
      retention.deleteSmsCodesBefore,
      retentionPeriods.smsCodesDays,
    ),
    simple(
      'retention.login-challenges',
      10,
      `staff sign-in challenges older than ${retentionPeriods.loginChallengesDays} days`,
      retention.deleteLoginChallengesBefore,
      retentionPeriods.loginChallengesDays,
    ),
    simple(
      'retention.sessions',
      15,
      `sessions ended more than ${retentionPeriods.endedSessionsDays} days ago`,
      retention.deleteSessionsEndedBefore,
      retentionPeriods.endedSessionsDays,
    ),
    simple(
      'retention.usage-events',
      20,
      `用证记录 older than ${retentionPeriods.usageEventsDays} days`,
      retention.deleteUsageEventsBefore,
      retentionPeriods.usageEventsDays,
    ),
    {
      name: 'retention.photos',
      cron: daily(25),
      description: `unlinked photos older than ${retentionPeriods.unlinkedPhotosDays} days`,
      run: () => cleanUpPhotos(deps),
    },
  ];
}
