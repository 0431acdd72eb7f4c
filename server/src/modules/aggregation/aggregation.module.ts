import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import {
  createHttpMinistryClient,
  createReceiverStandInRepo,
  startReceiverStandIn,
  type MinistryClient,
  type MinistryTls,
  type ReceiverStandIn,
} from '../../adapters/ministry';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { KeyMaterial } from '../../lib/key-material';
import type { Logger } from '../../lib/logger';
import { createAggregationRepo } from './aggregation.repo';
import { figuresFor } from './figures';
import { registerAggregationMetrics } from './metrics';
import { createMonitoringRepo } from './monitoring.repo';
import { reconcile } from './reconcile';
import { createAggregationWorker, type AggregationWorker } from './worker';

/** Certificates never queued that start-up queues at most (reconciliation takes the rest). */
const BACKFILL_AT_START = 50_000;
/** How often a running worker writes its heartbeat (breaker, counters) for GET /metrics. */
const HEARTBEAT_MS = 5_000;

/** Mutual TLS material (MINISTRY_TLS_*_FILE), read once at start-up. */
function tlsOf(config: AggregationDeps['config']): MinistryTls | null {
  const files = config.ministry.tls;
  if (!files) return null;
  return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile), ca: readFileSync(files.caFile) };
}

/** What the aggregation module needs from the composition root. */
export type AggregationDeps = {
  config: Pick<Config, 'mode' | 'ministry' | 'aggregation'>;
  sql: Database['sql'];
  logger: Logger;
  audit: AuditLog;
  fieldCrypto: Pick<FieldCrypto, 'decrypt'>;
  keys: Pick<KeyMaterial, 'signing' | 'blindIndexKey'>;
  /** Tests: a client of their own (e.g. pointed at a stand-in with faults). */
  ministryClient?: MinistryClient;
};

/**
 * The transport key the holder block is sealed with: configured (MINISTRY_TRANSPORT_KEY, required
 * in production); for the stand-in, derived from the blind-index key so restarts keep it.
 */
function transportKey(deps: AggregationDeps) {
  const { ministry } = deps.config;
  if (ministry.transportKey) return { key: ministry.transportKey, keyId: ministry.transportKeyId };
  if (deps.config.mode === 'production') throw new Error('MINISTRY_TRANSPORT_KEY is required in production');
  const key = createHmac('sha256', deps.keys.blindIndexKey)
    .update('ministry-transport-stand-in')
    .digest()
    .subarray(0, 16);
  return { key, keyId: 'stand-in' };
}

/**
 * 数据归集 (docs/aggregation.md): the ministry client (or, on the embedded default, the labelled
 * local receiver stand-in, started here), the worker (in-process unless AGGREGATION_WORKER=off,
 * then `npm run worker`), reconciliation and the staff figures. `start()` once the app serves,
 * `stop()` before the database closes.
 */
export function createAggregationModule(deps: AggregationDeps) {
  const { config, logger } = deps;
  const repo = createAggregationRepo(deps.sql);
  const monitoring = createMonitoringRepo(deps.sql);
  const workerId = `${hostname()}:${process.pid}:${Date.now().toString(36)}`.slice(0, 100);
  let heartbeat: NodeJS.Timeout | null = null;
  const transport = transportKey(deps);
  const signer = {
    clientId: config.ministry.clientId,
    keyId: deps.keys.signing.kid,
    privateKey: deps.keys.signing.privateKey,
  };
  let standIn: ReceiverStandIn | null = null;
  let client: MinistryClient | null =
    deps.ministryClient ??
    (config.ministry.url
      ? createHttpMinistryClient({
          baseUrl: config.ministry.url,
          signer,
          target: 'ministry',
          timeoutMs: config.ministry.timeoutMs,
          tls: tlsOf(config),
        })
      : null);
  let worker: AggregationWorker | null = null;

  /** The client; on the embedded default the stand-in is started on first need. */
  async function connect(): Promise<MinistryClient> {
    if (client) return client;
    if (config.mode === 'production') throw new Error('the ministry receiver stand-in is refused in production');
    standIn = await startReceiverStandIn({
      repo: createReceiverStandInRepo(deps.sql),
      keyFor: (kid) => (kid === deps.keys.signing.kid ? deps.keys.signing.publicKey : undefined),
      logger,
      port: config.ministry.standInPort,
    });
    client = createHttpMinistryClient({
      baseUrl: standIn.url,
      signer,
      target: 'stand-in',
      timeoutMs: config.ministry.timeoutMs,
    });
    return client;
  }

  const self = {
    repo,
    audit: deps.audit,
    target: (): 'ministry' | 'stand-in' => client?.target ?? (config.ministry.url ? 'ministry' : 'stand-in'),
    standIn: () => standIn,
    worker: () => worker,
    client: connect,
    /** Starts the stand-in (embedded) and, with `runWorker`, the worker in this process. */
    async start(options: { runWorker: boolean }) {
      const c = await connect();
      // Electronic certificates older than aggregation (or the demo seed) enter the outbox once.
      const backfilled = await repo.requeue(await repo.neverQueued(BACKFILL_AT_START), 'BACKFILL');
      if (backfilled > 0) logger.info({ backfilled }, 'aggregation: certificates never queued were queued');
      if (!options.runWorker || worker) return;
      worker = createAggregationWorker({
        repo,
        client: c,
        keys: { fieldCrypto: deps.fieldCrypto, transport },
        logger,
        options: {
          batchSize: config.aggregation.batchSize,
          concurrency: config.aggregation.concurrency,
          maxAttempts: config.aggregation.maxAttempts,
        },
      });
      worker.start();
      const w = worker;
      const beat = () =>
        monitoring
          .heartbeat(workerId, w.breaker.state(), w.counters())
          .catch((err: unknown) => logger.warn({ err }, 'aggregation worker heartbeat failed'));
      void beat();
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
      heartbeat.unref();
    },
    async stop() {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      await worker?.stop();
      if (worker) await monitoring.forgetWorker(workerId).catch(() => undefined);
      worker = null;
      client?.close?.();
      await standIn?.close();
      standIn = null;
    },
    /** The daily job: reconciliation, then the alert log line when the figures call for one. */
    reconcile: async () => {
      const result = await reconcile({ repo, client: await connect(), logger });
      const figures = await figuresFor(self, '');
      if (figures.alerts.length > 0)
        logger.warn(
          { alerts: figures.alerts.map((a) => a.code), rate: figures.overall.rate, lagP99Ms: figures.lag.p99Ms },
          'aggregation alert: 数据归集 needs attention',
        );
      return result;
    },
    transport,
    /** The aggregation gauges of GET /metrics, read from the database at scrape time. */
    registerMetrics: (registry: Registry) => registerAggregationMetrics(registry, { repo, monitoring, logger }),
  };
  return self;
}

export type AggregationModule = ReturnType<typeof createAggregationModule>;
