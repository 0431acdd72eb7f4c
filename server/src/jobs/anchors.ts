import type { AnchorCleanupRepo } from './anchors.repo';
import type { JobDefinition } from './runner';

/**
 * How long an anchor is kept after its interval started: the batch endpoint serves only the
 * current and later intervals (modules/presentation/holder-tokens.ts), so older ones are only
 * history. This job is the one place they are deleted, for every certificate.
 */
export const ANCHOR_KEEP_HOURS = 24;

/** Hourly, so the table holds about a day and a half of anchors whatever the number of holders. */
export function anchorCleanupJob(deps: { anchors: AnchorCleanupRepo; now?: () => Date }): JobDefinition {
  const { anchors, now = () => new Date() } = deps;
  return {
    name: 'presentation.anchors',
    cron: '40 * * * *',
    description: `signed presentation anchors of intervals that started more than ${ANCHOR_KEEP_HOURS} h ago, hourly`,
    retryDelaySeconds: 300,
    expireInSeconds: 3600,
    run: async () => ({
      deleted: await anchors.deleteStartedBefore(new Date(now().getTime() - ANCHOR_KEEP_HOURS * 3_600_000)),
    }),
  };
}
