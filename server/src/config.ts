import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { embeddedIssuingAuthorities, parseIssuingAuthorities } from './lib/issuing-authorities';

/**
 * Configuration, read and validated once at start-up. This is the only module that
 * reads process.env. Two modes:
 * - `embedded` (default, `npm start` with nothing set): PGlite in DATA_DIR, local files,
 *   console SMS, the local face stand-in, generated keys and demo data.
 * - `production`: every external service and key must be configured explicitly;
 *   stand-ins (console SMS, local face check, generated keys, demo data) are refused.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');
/** `kid:base64[,kid:base64…]`, the first encrypts (key rotation, docs/retention.md). */
const keyList = z.string().refine(
  (v) =>
    v.split(',').every((part) => {
      const [kid, key] = part.split(':');
      return /^[A-Za-z0-9_-]{1,32}$/.test(kid ?? '') && key !== undefined && Buffer.from(key, 'base64').length === 32;
    }),
  'must be kid:base64-32-byte-key pairs separated by commas, the current key first',
);

const smsTemplateCode = z.string().regex(/^SMS_\d{6,12}$/, 'must be an approved template code like SMS_123456789');
const subscribeTemplateId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be a 订阅消息 template id');
const reminderKinds = [
  'EXPIRY',
  'EXPIRED',
  'REVIEW_DUE',
  'MISSING_DATA',
  'APPLICATION_STATUS',
  'ACTIVATION',
  'CONVERSION',
] as const;

const schema = z.object({
  ROADCERT_MODE: z.enum(['embedded', 'production']).default('embedded'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Set when exactly one reverse proxy (SLB / nginx) sits in front: client IPs come from X-Forwarded-For. */
  TRUST_PROXY: bool.default(false),
  /** Shared rate limits in Redis (docs/deployment.md); unset: in PostgreSQL, or in memory on the embedded default. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** POST /api/v1/verify per client IP and minute (carrier-grade NAT puts many phones behind one IP); 0: no limit. */
  RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  DATA_DIR: z.string().default('.data'),
  PUBLIC_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PORTAL_DIR: z.string().optional(),
  STORAGE_DRIVER: z.enum(['local', 'oss']).default('local'),
  STORAGE_LOCAL_DIR: z.string().optional(),
  OSS_REGION: z
    .string()
    .regex(/^(oss-)?[a-z]{2,}-[a-z0-9-]+$/, 'must be a region id like cn-hangzhou (or oss-cn-hangzhou)')
    .optional(),
  OSS_BUCKET: z.string().optional(),
  OSS_ENDPOINT: z.url().optional(),
  OSS_ACCESS_KEY_ID: z.string().optional(),
  OSS_ACCESS_KEY_SECRET: z.string().optional(),
  STORAGE_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  PHOTO_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(2),
  SMS_PROVIDER: z.enum(['console', 'aliyun']).default('console'),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.url().optional(),
  ALIYUN_SMS_LOGIN_TEMPLATE: z
    .string()
    .regex(/^SMS_\d{6,12}$/, 'must be an approved template code like SMS_123456789')
    .optional(),
  /** Approved Alibaba Cloud template per reminder kind (docs/reminders.md has the texts); unset: no SMS of that kind. */
  ALIYUN_SMS_TEMPLATE_EXPIRY: smsTemplateCode.optional(),
  ALIYUN_SMS_TEMPLATE_EXPIRED: smsTemplateCode.optional(),
  ALIYUN_SMS_TEMPLATE_REVIEW_DUE: smsTemplateCode.optional(),
  ALIYUN_SMS_TEMPLATE_MISSING_DATA: smsTemplateCode.optional(),
  ALIYUN_SMS_TEMPLATE_APPLICATION_STATUS: smsTemplateCode.optional(),
  ALIYUN_SMS_TEMPLATE_ACTIVATION: smsTemplateCode.optional(),
  ALIYUN_SMS_TEMPLATE_CONVERSION: smsTemplateCode.optional(),
  WECHAT_APP_ID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits')
    .optional(),
  WECHAT_APP_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits')
    .optional(),
  WECHAT_API_BASE: z.url().optional(),
  /** 订阅消息 template id per reminder kind (mini-program console); unset: no WeChat notice of that kind. */
  WECHAT_SUBSCRIBE_TEMPLATE_EXPIRY: subscribeTemplateId.optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_EXPIRED: subscribeTemplateId.optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_REVIEW_DUE: subscribeTemplateId.optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_MISSING_DATA: subscribeTemplateId.optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_APPLICATION_STATUS: subscribeTemplateId.optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_ACTIVATION: subscribeTemplateId.optional(),
  WECHAT_SUBSCRIBE_TEMPLATE_CONVERSION: subscribeTemplateId.optional(),
  /** 消息推送 (服务器配置) Token: signs WeChat's delivery and subscription events; unset: the push URL answers 404. */
  WECHAT_PUSH_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3–32 letters or digits (WeChat Token)')
    .optional(),
  /** Which mini-program version URL Links open: release (default), trial, develop. */
  WECHAT_LINK_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** Quiet hours, China time, `from-to` in whole hours: reminders are deferred to `to`, never dropped. */
  REMINDER_QUIET_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, 'must be two hours like 21-8')
    .default('21-8'),
  /** Reminder SMS per number per China day; more wait for the next morning. */
  SMS_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(5),
  FIELD_ENCRYPTION_KEY: base64Key.optional(),
  /** Rotation: several field keys by id, the current first; FIELD_ENCRYPTION_KEY (if set) is key `k1`. */
  FIELD_ENCRYPTION_KEYS: keyList.optional(),
  BLIND_INDEX_KEY: base64Key.optional(),
  /** Rotation: several blind-index keys by id (≤ 16 characters), the current first; BLIND_INDEX_KEY (if set) is `k1`. */
  BLIND_INDEX_KEYS: keyList
    .refine(
      (v) => v.split(',').every((part) => (part.split(':')[0] ?? '').length <= 16),
      'key ids of at most 16 characters',
    )
    .optional(),
  SESSION_TOKEN_KEY: base64Key.optional(),
  /** Rotation: the session keys before SESSION_TOKEN_KEY, base64, comma-separated; they still verify (30 days). */
  SESSION_TOKEN_PREVIOUS_KEYS: z
    .string()
    .refine(
      (v) => v.split(',').every((k) => Buffer.from(k, 'base64').length === 32),
      'must be base64 32-byte keys, comma-separated',
    )
    .optional(),
  SIGNING_KEY_FILE: z.string().optional(),
  SIGNING_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  FACE_PROVIDER: z.enum(['local', 'wechat']).optional(),
  FACE_VERIFICATION_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  SEED_DEMO_DATA: bool.optional(),
  /** JSON: area-code prefix → {name, uscc} of the default issuing authority (lib/issuing-authorities.ts). */
  ROADCERT_ISSUING_AUTHORITIES: z.string().optional(),
  /** Presentation tokens (docs/presentation-token.md). */
  PRESENTATION_ALG: z.enum(['SM2-SM3', 'Ed25519']).default('SM2-SM3'),
  PRESENTATION_TOKEN_WINDOW_SECONDS: z.coerce.number().int().min(15).max(300).default(60),
  PRESENTATION_BATCH_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  PRESENTATION_BATCH_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(72),
  PRESENTATION_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(90),
  PRESENTATION_STATUS_LIST_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(300),
  /** How long online verification may reuse a certificate's state read by this process (0: read it every time). */
  PRESENTATION_STATE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** Ed25519 private key (PKCS#8 PEM) for the alternative algorithm; embedded mode generates one. */
  PRESENTATION_ED25519_KEY_FILE: z.string().optional(),
  /** SM2 signing threads (anchors, status lists, certificates): 0 signs on the main thread; default cores − 1, at least 1. */
  SIGNING_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** 数据归集 (docs/aggregation.md): the ministry's receiving endpoint; unset on the embedded default = the local receiver stand-in. */
  MINISTRY_URL: z.string().url().optional(),
  MINISTRY_CLIENT_ID: z.string().min(1).max(64).optional(),
  /** SM4 key (16 bytes, base64) the holder block is sealed with for transport, and its id. */
  MINISTRY_TRANSPORT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 16, 'must be 16 bytes, base64')
    .optional(),
  MINISTRY_TRANSPORT_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/)
    .default('t1'),
  MINISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** The local receiver stand-in's port (0: any free port). */
  MINISTRY_STAND_IN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Mutual TLS to the ministry: our client certificate, its key and the CA of the ministry's server (PEM files). */
  MINISTRY_TLS_CERT_FILE: z.string().optional(),
  MINISTRY_TLS_KEY_FILE: z.string().optional(),
  MINISTRY_TLS_CA_FILE: z.string().optional(),
  /** `in-process`: the server runs the worker; `off`: a separate `npm run worker` process does. */
  AGGREGATION_WORKER: z.enum(['in-process', 'off']).default('in-process'),
  AGGREGATION_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  AGGREGATION_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  AGGREGATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** Bearer token of GET /metrics (Prometheus); required in production, optional (then open) on the embedded default. */
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
});

/** Prefixes we own: an unknown variable under one of them is a typo, not noise. */
const ownedPrefixes = [
  'ROADCERT_',
  'DATABASE_',
  'STORAGE_',
  'OSS_',
  'SMS_',
  'ALIYUN_',
  'WECHAT_',
  'SIGNING_',
  'DEMO_',
  'SEED_',
  'PORTAL_',
  'FACE_',
  'PHOTO_',
  'PRESENTATION_',
  'REMINDER_',
  'MINISTRY_',
  'AGGREGATION_',
  'REDIS_',
  'RATE_LIMIT_',
  'METRICS_',
];
const knownKeys = new Set(Object.keys(schema.shape));
/** Settings that once existed: left in an environment they are reported with what replaced them. */
const retiredKeys: Record<string, string> = {
  DEMO_LOGIN:
    'the demo sign-in was removed; sign in with phone + SMS code (README.md, "Demo identities") and delete this variable',
};

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and cross-checks the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const problems: string[] = [];
  for (const key of Object.keys(env)) {
    if (ownedPrefixes.some((p) => key.startsWith(p)) && !knownKeys.has(key)) {
      problems.push(`${key}: ${retiredKeys[key] ?? 'unknown setting (see the configuration table in README.md)'}`);
    }
  }
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => knownKeys.has(k) && v !== ''));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  const production = c.ROADCERT_MODE === 'production';
  const need = (key: keyof typeof c, why: string) => {
    if (c[key] === undefined) problems.push(`${key}: required ${why}`);
  };

  if (production) {
    need('DATABASE_URL', 'in production (embedded PGlite is for local use only)');
    need('PUBLIC_BASE_URL', 'in production (SMS links and QR codes carry it)');
    if (c.FIELD_ENCRYPTION_KEY === undefined && c.FIELD_ENCRYPTION_KEYS === undefined)
      problems.push(
        'FIELD_ENCRYPTION_KEY: required in production (keys are never generated there), or FIELD_ENCRYPTION_KEYS',
      );
    if (c.BLIND_INDEX_KEY === undefined && c.BLIND_INDEX_KEYS === undefined)
      need('BLIND_INDEX_KEY', 'in production (or BLIND_INDEX_KEYS)');
    need('SESSION_TOKEN_KEY', 'in production');
    need('SIGNING_KEY_FILE', 'in production (SM2 private key, PEM)');
    need('SIGNING_KEY_ID', 'in production');
    if (c.SMS_PROVIDER === 'console')
      problems.push('SMS_PROVIDER: "console" is a local stand-in and cannot be used in production; set "aliyun"');
    if (c.SEED_DEMO_DATA) problems.push('SEED_DEMO_DATA: demo data cannot be seeded in production');
    if (c.FACE_PROVIDER === 'local')
      problems.push(
        'FACE_PROVIDER: "local" is a stand-in (no real face check) and cannot be used in production; set "wechat"',
      );
  }
  const faceProvider = c.FACE_PROVIDER ?? (production ? 'wechat' : 'local');
  if (faceProvider === 'wechat' && c.WECHAT_APP_ID === undefined && c.WECHAT_APP_SECRET === undefined) {
    problems.push(
      'WECHAT_APP_ID: required when FACE_PROVIDER=wechat (WeChat 人脸核身 results are checked server-side)',
    );
  }
  if (c.STORAGE_DRIVER === 'oss') {
    for (const key of ['OSS_REGION', 'OSS_BUCKET', 'OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET'] as const)
      need(key, 'when STORAGE_DRIVER=oss');
  }
  if (c.SMS_PROVIDER === 'aliyun') {
    for (const key of [
      'ALIYUN_SMS_ACCESS_KEY_ID',
      'ALIYUN_SMS_ACCESS_KEY_SECRET',
      'ALIYUN_SMS_SIGN_NAME',
      'ALIYUN_SMS_LOGIN_TEMPLATE',
    ] as const)
      need(key, 'when SMS_PROVIDER=aliyun');
  }
  if ((c.WECHAT_APP_ID === undefined) !== (c.WECHAT_APP_SECRET === undefined)) {
    problems.push(
      `${c.WECHAT_APP_ID ? 'WECHAT_APP_SECRET' : 'WECHAT_APP_ID'}: WeChat app id and secret must be set together`,
    );
  }
  if ((c.SIGNING_KEY_FILE === undefined) !== (c.SIGNING_KEY_ID === undefined)) {
    problems.push(
      `${c.SIGNING_KEY_FILE ? 'SIGNING_KEY_ID' : 'SIGNING_KEY_FILE'}: the signing key file and its key id must be set together`,
    );
  }
  if (production && c.PRESENTATION_ALG === 'Ed25519')
    need(
      'PRESENTATION_ED25519_KEY_FILE',
      'when PRESENTATION_ALG=Ed25519 in production (keys are never generated there)',
    );
  if (c.PRESENTATION_BATCH_HOURS > c.PRESENTATION_BATCH_MAX_HOURS)
    problems.push('PRESENTATION_BATCH_HOURS: must not exceed PRESENTATION_BATCH_MAX_HOURS');
  const issuingAuthorities =
    c.ROADCERT_ISSUING_AUTHORITIES === undefined ? null : parseIssuingAuthorities(c.ROADCERT_ISSUING_AUTHORITIES);
  if (issuingAuthorities && !issuingAuthorities.ok)
    problems.push(`ROADCERT_ISSUING_AUTHORITIES: ${issuingAuthorities.problem}`);
  if (production) {
    need('MINISTRY_URL', 'in production (the local receiver stand-in is refused there)');
    need('MINISTRY_CLIENT_ID', 'in production');
    need('MINISTRY_TRANSPORT_KEY', 'in production (the holder block is sealed with it)');
    need('METRICS_TOKEN', 'in production (GET /metrics answers only with it)');
  }
  const ministryTls = [c.MINISTRY_TLS_CERT_FILE, c.MINISTRY_TLS_KEY_FILE, c.MINISTRY_TLS_CA_FILE];
  if (ministryTls.some((v) => v !== undefined) && ministryTls.some((v) => v === undefined))
    problems.push('MINISTRY_TLS_CERT_FILE: MINISTRY_TLS_CERT_FILE, _KEY_FILE and _CA_FILE must be set together');
  if (c.MINISTRY_TLS_CERT_FILE && !c.MINISTRY_URL?.startsWith('https://'))
    problems.push('MINISTRY_TLS_CERT_FILE: mutual TLS needs an https:// MINISTRY_URL');
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(c.DATA_DIR);
  return {
    mode: c.ROADCERT_MODE,
    port: c.PORT,
    host: c.HOST,
    trustProxy: c.TRUST_PROXY,
    /** Where rate limits count (lib/rate-limit-store.ts) and the verify endpoint's per-IP limit. */
    rateLimits: { redisUrl: c.REDIS_URL ?? null, verifyPerIpPerMinute: c.RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE },
    dataDir,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    logLevel: c.LOG_LEVEL,
    database: c.DATABASE_URL
      ? { kind: 'postgres' as const, url: c.DATABASE_URL, poolMax: c.DATABASE_POOL_MAX }
      : { kind: 'pglite' as const, dir: path.join(dataDir, 'pglite') },
    portalDir: path.resolve(c.PORTAL_DIR ?? new URL('../../miniapp/dist/h5', import.meta.url).pathname),
    storage:
      c.STORAGE_DRIVER === 'oss'
        ? {
            driver: 'oss' as const,
            region: c.OSS_REGION!,
            bucket: c.OSS_BUCKET!,
            endpoint: c.OSS_ENDPOINT,
            accessKeyId: c.OSS_ACCESS_KEY_ID!,
            accessKeySecret: c.OSS_ACCESS_KEY_SECRET!,
            urlTtlSeconds: c.STORAGE_URL_TTL_SECONDS,
          }
        : {
            driver: 'local' as const,
            dir: path.resolve(c.STORAGE_LOCAL_DIR ?? path.join(dataDir, 'files')),
            urlTtlSeconds: c.STORAGE_URL_TTL_SECONDS,
          },
    photos: { concurrency: c.PHOTO_CONCURRENCY },
    sms:
      c.SMS_PROVIDER === 'aliyun'
        ? {
            provider: 'aliyun' as const,
            accessKeyId: c.ALIYUN_SMS_ACCESS_KEY_ID!,
            accessKeySecret: c.ALIYUN_SMS_ACCESS_KEY_SECRET!,
            signName: c.ALIYUN_SMS_SIGN_NAME!,
            endpoint: (c.ALIYUN_SMS_ENDPOINT ?? 'https://dysmsapi.aliyuncs.com').replace(/\/$/, ''),
            loginTemplate: c.ALIYUN_SMS_LOGIN_TEMPLATE!,
            reminderTemplates: Object.fromEntries(
              reminderKinds.flatMap((k) => {
                const code = c[`ALIYUN_SMS_TEMPLATE_${k}`];
                return code ? [[k, code]] : [];
              }),
            ) as Partial<Record<(typeof reminderKinds)[number], string>>,
          }
        : { provider: 'console' as const },
    wechat: c.WECHAT_APP_ID
      ? {
          appId: c.WECHAT_APP_ID,
          appSecret: c.WECHAT_APP_SECRET!,
          apiBase: c.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
        }
      : null,
    reminders: {
      quietHours: {
        from: Number(c.REMINDER_QUIET_HOURS.split('-')[0]),
        to: Number(c.REMINDER_QUIET_HOURS.split('-')[1]),
      },
      smsDailyCap: c.SMS_DAILY_CAP,
      subscribeTemplates: Object.fromEntries(
        reminderKinds.flatMap((k) => {
          const id = c[`WECHAT_SUBSCRIBE_TEMPLATE_${k}`];
          return id ? [[k, id]] : [];
        }),
      ) as Partial<Record<(typeof reminderKinds)[number], string>>,
      linkEnvVersion: c.WECHAT_LINK_ENV_VERSION,
      pushToken: c.WECHAT_PUSH_TOKEN ?? null,
    },
    keys: {
      fieldEncryptionKey: c.FIELD_ENCRYPTION_KEY,
      fieldEncryptionKeys: c.FIELD_ENCRYPTION_KEYS,
      blindIndexKey: c.BLIND_INDEX_KEY,
      blindIndexKeys: c.BLIND_INDEX_KEYS,
      sessionTokenKey: c.SESSION_TOKEN_KEY,
      sessionTokenPreviousKeys: c.SESSION_TOKEN_PREVIOUS_KEYS,
      signingKeyFile: c.SIGNING_KEY_FILE,
      signingKeyId: c.SIGNING_KEY_ID,
    },
    face: { provider: faceProvider, windowMinutes: c.FACE_VERIFICATION_WINDOW_MINUTES },
    seedDemoData: c.SEED_DEMO_DATA ?? !production,
    presentation: {
      alg: c.PRESENTATION_ALG,
      windowSeconds: c.PRESENTATION_TOKEN_WINDOW_SECONDS,
      batchHours: Math.min(c.PRESENTATION_BATCH_HOURS, c.PRESENTATION_BATCH_MAX_HOURS),
      batchMaxHours: c.PRESENTATION_BATCH_MAX_HOURS,
      clockSkewSeconds: c.PRESENTATION_CLOCK_SKEW_SECONDS,
      statusListTtlSeconds: c.PRESENTATION_STATUS_LIST_TTL_SECONDS,
      stateCacheMs: c.PRESENTATION_STATE_CACHE_MS,
      ed25519KeyFile: c.PRESENTATION_ED25519_KEY_FILE,
    },
    /** Worker threads that sign (lib/signing-pool.ts); 0 = inline. */
    signingThreads: c.SIGNING_THREADS ?? Math.max(1, availableParallelism() - 1),
    /** Default issuing authority per region (no base certificate); none in production unless configured. */
    /** 数据归集: the ministry (MINISTRY_URL) or, on the embedded default, the labelled local receiver stand-in. */
    ministry: {
      target: c.MINISTRY_URL ? ('ministry' as const) : ('stand-in' as const),
      url: c.MINISTRY_URL ?? null,
      clientId: c.MINISTRY_CLIENT_ID ?? 'roadcert-local',
      transportKey: c.MINISTRY_TRANSPORT_KEY ? Buffer.from(c.MINISTRY_TRANSPORT_KEY, 'base64') : null,
      transportKeyId: c.MINISTRY_TRANSPORT_KEY_ID,
      timeoutMs: c.MINISTRY_TIMEOUT_MS,
      standInPort: c.MINISTRY_STAND_IN_PORT,
      tls:
        c.MINISTRY_TLS_CERT_FILE && c.MINISTRY_TLS_KEY_FILE && c.MINISTRY_TLS_CA_FILE
          ? { certFile: c.MINISTRY_TLS_CERT_FILE, keyFile: c.MINISTRY_TLS_KEY_FILE, caFile: c.MINISTRY_TLS_CA_FILE }
          : null,
    },
    aggregation: {
      worker: c.AGGREGATION_WORKER,
      batchSize: c.AGGREGATION_BATCH_SIZE,
      concurrency: c.AGGREGATION_CONCURRENCY,
      maxAttempts: c.AGGREGATION_MAX_ATTEMPTS,
    },
    /** GET /metrics (Prometheus): the Bearer token it requires; null = open (embedded default only). */
    metrics: { token: c.METRICS_TOKEN ?? null },
    issuingAuthorities: issuingAuthorities?.ok
      ? issuingAuthorities.value
      : production
        ? {}
        : embeddedIssuingAuthorities,
  };
}

/** For the process entry points (server, worker): the configuration, or its problems on stderr and exit 78 (EX_CONFIG). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}
