// Background jobs (pg-boss on the application's pool): built by the composition root,
// started by main.ts after the HTTP server, stopped on shutdown.
import { chinaToday } from '@roadcert/shared';
import type { ObjectStorage } from '../adapters/storage';
import type { Database } from '../db/database';
import { writeAuditCheckpoint } from '../lib/audit-checkpoint';
import type { KeyMaterial } from '../lib/key-material';
import type { Logger } from '../lib/logger';
import type { FieldCrypto } from '../lib/field-crypto';
import { reencryptFields, sealClearFields } from './reencrypt';
import { createClearFieldsRepo, createReencryptRepo } from './reencrypt.repo';
import { reindexBlindIndexes } from './reindex';
import { createReindexRepo } from './reindex.repo';
import { createRetentionRepo } from './retention.repo';
import { retentionJobs } from './retention';
import { anchorCleanupJob } from './anchors';
import { createAnchorCleanupRepo } from './anchors.repo';
import { createJobRunner, type JobDefinition } from './runner';
import { certificateFilesJob } from '../modules/certificate-file';
import { createExpiryRepo, expireCertificates } from '../modules/certificates';
import { INVITATION_JOB } from '../modules/reminders';

export { createJobRunner, type JobDefinition, type JobRunner } from './runner';
export { cleanUpPhotos, retentionJobs, retentionPeriods } from './retention';
export { createRetentionRepo, type RetentionRepo } from './retention.repo';
export { reencryptFields, sealClearFields } from './reencrypt';
export { createClearFieldsRepo, createReencryptRepo, encryptedColumns } from './reencrypt.repo';
export { reindexBlindIndexes } from './reindex';
export { createReindexRepo, blindIndexedColumns } from './reindex.repo';

export type JobsDeps = {
  /** The re-encryption job seals old values under the current field key. */
  fieldCrypto: FieldCrypto;
  /** The daily batch check over the stock (the day's compliance snapshot). */
  compliance: {
    batch: { start(startedBy: null): Promise<{ id: string }>; execute(id: string, today: string): Promise<unknown> };
  };
  /** Reminders: the daily scheduler and the every-minute sender (docs/reminders.md). */
  reminders: {
    scheduler: { run(now?: Date): Promise<{ reminders: number; sms: number; wechat: number }> };
    sender: { run(now?: Date): Promise<{ sent: number; deferred: number; suppressed: number; dead: number }> };
    /** 换领邀请 runs queued by staff (payload `{ runId }`). */
    invitations: { work(runId: string): Promise<{ [k: string]: number | string | undefined }> };
  };
  /** 数据归集: the nightly reconciliation against the receiver (docs/aggregation.md). */
  aggregation: { reconcile(): Promise<{ id: string; mismatched: number; requeued: number }> };
  prisma: Database['prisma'];
  sql: Database['sql'];
  logger: Logger;
  storage: ObjectStorage;
  keys: Pick<KeyMaterial, 'signing'>;
  /** 证照文件 made ahead of the first download (modules/certificate-file); absent in tests that do not need it. */
  certificateFiles?: { makeRecent(since: Date): Promise<{ made: number }> };
};

/** Every scheduled job of the service (docs/retention.md lists them with their periods). */
export function allJobs(deps: JobsDeps): JobDefinition[] {
  const { prisma, storage, keys, logger, compliance } = deps;
  return [
    {
      name: 'compliance.batch',
      cron: '30 18 * * *',
      description:
        "batch compliance check over the whole stock at 02:30 China time (the day's snapshot, tasks in step)",
      retryLimit: 1,
      retryDelaySeconds: 600,
      expireInSeconds: 4 * 3600,
      run: async () => {
        const run = await compliance.batch.start(null);
        await compliance.batch.execute(run.id, chinaToday());
        return { runId: run.id };
      },
    },
    {
      name: 'reminders.schedule',
      cron: '0 1 * * *',
      description:
        'due reminders (expiry, 年审/诚信考核, missing data, activation) found by date ranges and queued, daily at 09:00 China time',
      retryLimit: 2,
      retryDelaySeconds: 300,
      expireInSeconds: 3600,
      run: async () => {
        const { reminders: queued, sms, wechat } = await deps.reminders.scheduler.run();
        return { queued, sms, wechat };
      },
    },
    {
      name: 'reminders.send',
      cron: '* * * * *',
      description: 'reminder outbox drained (SMS, WeChat notices; quiet hours, caps, opt-outs), every minute',
      retryLimit: 0,
      expireInSeconds: 600,
      run: async () => {
        const { sent, deferred, suppressed, dead } = await deps.reminders.sender.run();
        return { sent, deferred, suppressed, dead };
      },
    },
    {
      name: INVITATION_JOB,
      cron: null,
      description:
        '换领邀请 started by staff: the run written in chunks of certificates, progress committed per chunk, a retry resumes (docs/reminders.md)',
      retryLimit: 3,
      retryDelaySeconds: 30,
      expireInSeconds: 3600,
      // Staff watch the progress: picked up within 2 s, not the maintenance jobs' 30.
      pollingIntervalSeconds: 2,
      run: async ({ data }) => deps.reminders.invitations.work(String(data?.runId ?? '')),
    },
    {
      name: 'aggregation.reconcile',
      cron: '0 20 * * *',
      description:
        '数据归集 reconciliation: counts and digests per type and day against the receiver, differences queued again, daily at 04:00 China time (docs/aggregation.md)',
      retryLimit: 2,
      retryDelaySeconds: 600,
      expireInSeconds: 3600,
      run: async () => {
        const { id, mismatched, requeued } = await deps.aggregation.reconcile();
        return { reconciliationId: id, mismatched, requeued };
      },
    },
    {
      name: 'certificates.expire',
      cron: '5 16 * * *',
      description:
        '已过期: VALID certificates past 有效期至 set to EXPIRED in chunks, each with its aggregation version, daily at 00:05 China time (docs/aggregation.md)',
      retryLimit: 2,
      retryDelaySeconds: 300,
      expireInSeconds: 3600,
      run: async () => expireCertificates({ repo: createExpiryRepo(deps.sql) }),
    },
    ...retentionJobs({ retention: createRetentionRepo(prisma), storage }),
    ...(deps.certificateFiles ? [certificateFilesJob(deps.certificateFiles)] : []),
    anchorCleanupJob({ anchors: createAnchorCleanupRepo(deps.sql) }),
    {
      name: 'keys.reencrypt',
      cron: '0 19 * * *',
      description:
        'legacy clear personal fields sealed, values under a rotated-out field key re-encrypted and digests under a rotated-out blind-index key recomputed under the current ones, daily at 03:00 China time (docs/retention.md)',
      retryDelaySeconds: 300,
      expireInSeconds: 4 * 3600,
      run: async ({ logger: log }) => {
        const cleared = await sealClearFields({ repo: createClearFieldsRepo(deps.sql), fieldCrypto: deps.fieldCrypto });
        const counts = await reencryptFields({ repo: createReencryptRepo(deps.sql), fieldCrypto: deps.fieldCrypto });
        const rewritten = Object.values(counts).reduce((n, c) => n + c.rewritten, 0);
        const failed = Object.values(counts).reduce((n, c) => n + c.failed, 0);
        if (failed > 0)
          log.error({ counts }, 'field values that could not be re-encrypted (key missing or value damaged)');
        // After the re-encryption, so every sealed source is readable under a configured key.
        const indexes = await reindexBlindIndexes({ repo: createReindexRepo(deps.sql), fieldCrypto: deps.fieldCrypto });
        const reindexed = Object.values(indexes).reduce((n, c) => n + c.rewritten, 0);
        const unindexed = Object.values(indexes).reduce((n, c) => n + c.failed, 0);
        if (unindexed > 0)
          log.error(
            { counts: indexes },
            'blind-index digests that could not be recomputed (source or key missing, or a duplicate)',
          );
        return { cleared, rewritten, failed, reindexed, unindexed };
      },
    },
    {
      name: 'audit.checkpoint',
      cron: '*/15 * * * *',
      description: 'signed audit-chain checkpoint to object storage and the log',
      retryDelaySeconds: 30,
      run: () => writeAuditCheckpoint({ db: prisma, storage, keys, logger }),
    },
  ];
}

/** The runner with every job; `start()` it once the app serves, `stop()` before the database closes. */
export const createBackgroundJobs = (deps: JobsDeps) =>
  createJobRunner({ sql: deps.sql, logger: deps.logger, jobs: allJobs(deps) });
