import { createImagePipeline, type ImagePipeline } from './adapters/image';
import { createSmsProvider, type SmsProvider } from './adapters/sms';
import { createObjectStorage, type ObjectStorage } from './adapters/storage';
import { createWechatFromConfig, type WechatClient } from './adapters/wechat';
import type { Config } from './config';
import type { Database } from './db/database';
import { createAuditLog } from './lib/audit';
import { createRateLimitStore } from './lib/rate-limit-store';
import { createFieldCrypto } from './lib/field-crypto';
import { createBackgroundJobs } from './jobs';
import { createCertificateFiles } from './modules/certificate-file';
import type { KeyMaterial } from './lib/key-material';
import type { Logger } from './lib/logger';
import type { UsageLog } from './lib/usage-event';
import { createFaceVerificationProvider, createSessionTokens, type FaceVerificationProvider } from './modules/account';
import { createComplianceModule } from './modules/compliance';
import { createAggregationModule } from './modules/aggregation';
import type { MinistryClient } from './adapters/ministry';
import { createPresentationServices } from './modules/presentation';
import { createSigningPool } from './lib/signing-pool';
import { createRemindersModule } from './modules/reminders';
import { createUsageLog, sqlUsageStore } from './modules/usage';

/**
 * What the composition root needs from outside: configuration, a logger, an open database
 * and key material. Tests may hand in any adapter (a WeChat client pointed at a local
 * stand-in, an in-memory storage …); the rest is built from the configuration.
 */
export type ContainerInput = {
  config: Config;
  logger: Logger;
  database: Pick<Database, 'prisma' | 'sql' | 'kind' | 'changes'>;
  keys: KeyMaterial;
  /** null: WeChat not configured; undefined: from config.wechat. */
  wechat?: WechatClient | null;
  face?: FaceVerificationProvider;
  sms?: SmsProvider;
  storage?: ObjectStorage;
  images?: ImagePipeline;
  usageLog?: UsageLog;
  /** 数据归集: a ministry client of the test's own (default: MINISTRY_URL, or the local receiver stand-in). */
  ministryClient?: MinistryClient;
  /** The clock reminders run on (the admin CLI's `reminders:run --at`); default: real time. */
  now?: () => Date;
};

/**
 * The composition root: builds every adapter, key-bound helper and shared service once.
 * Modules never import this file: each declares the narrow deps it needs, and the one
 * object returned here satisfies them all (app.ts hands it to every routes function).
 */
export function createContainer(input: ContainerInput) {
  const { config, logger, database, keys } = input;
  const fieldCrypto = createFieldCrypto({
    encryptionKey: keys.encryptionKey,
    blindIndexKey: keys.blindIndexKey,
    fieldKeys: keys.fieldKeys,
    blindIndexKeys: keys.blindIndexKeys,
  });
  const wechat = input.wechat === undefined ? createWechatFromConfig(config.wechat, logger) : input.wechat;
  const base = {
    config,
    logger,
    prisma: database.prisma,
    /** The same pool's raw SQL (db/database.ts Sql): hot statements only. */
    sql: database.sql,
    databaseKind: database.kind,
    /** Change notifications between processes (db/notify.ts): caches drop what another process changed. */
    changes: database.changes,
    /** Rate-limit counters shared by every process: Redis, PostgreSQL or (embedded) memory. */
    rateLimits: createRateLimitStore(config, database),
    keys,
    /** SM2 signing on worker threads (SIGNING_THREADS; 0 = inline): anchors, status lists, certificates. */
    signingPool: createSigningPool({ privateKey: keys.signing.privateKey, threads: config.signingThreads, logger }),
    fieldCrypto,
    sessionTokens: createSessionTokens(keys.sessionTokenKey, keys.sessionTokenPreviousKeys),
    /** The hash-chained audit log (lib/audit.ts); one writer for every module. */
    audit: createAuditLog(database.prisma),
    /** Face verification: WeChat 人脸核身, or the labelled local stand-in. */
    face: input.face ?? createFaceVerificationProvider(config, logger, wechat),
    /** SMS: Alibaba Cloud, or the console stand-in. */
    sms: input.sms ?? createSmsProvider(config.sms, { prisma: database.prisma, fieldCrypto, logger }),
    /** WeChat mini-program APIs; null when WECHAT_APP_ID is not configured. */
    wechat,
    /** Private object storage: local folder or Alibaba Cloud OSS. */
    storage: input.storage ?? createObjectStorage(config, keys),
    /** Photo processing: sharp, bounded concurrency. */
    images: input.images ?? createImagePipeline(config),
    /** 用证记录 writer (batched). */
    usageLog: input.usageLog ?? createUsageLog({ store: sqlUsageStore(database.sql), logger }),
  };
  // Keyring, status list, token verifier, holder batches, staff status changes: built once,
  // served by the presentation routes and used by the partner API.
  // Background jobs (retention, audit checkpoints): built here, started by main.ts after the app.
  // Compliance (缺失数据补传, 数据合规率): the checker, tasks, rates; the daily batch is a job.
  const compliance = createComplianceModule(base);
  // Reminders (短信提醒, 订阅消息, 消息): scheduler and sender are jobs; review decisions enqueue theirs.
  // Staff invitations are queued as jobs: `jobs` is built below and only called at request time.
  const reminders = createRemindersModule({
    ...base,
    now: input.now,
    queueJob: (name, data) => jobs.runNow(name, data),
  });
  // 数据归集: the ministry client or the local receiver stand-in, the worker, reconciliation (a job).
  const aggregation = createAggregationModule({ ...base, ministryClient: input.ministryClient });
  // 证照文件 (OFD + PDF, SM2-signed): made by a job after issuance or on the first download.
  const certificateFiles = createCertificateFiles(base);
  const jobs = createBackgroundJobs({ ...base, compliance, reminders, aggregation, certificateFiles });
  return {
    ...base,
    ...createPresentationServices({ ...base, compliance }),
    compliance,
    reminders,
    aggregation,
    certificateFiles,
    jobs,
  };
}

export type Container = ReturnType<typeof createContainer>;
