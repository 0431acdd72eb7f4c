import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../../lib/logger';
import type { ReceiverStandInRepo, ReceivedRow } from './receiver-stand-in.repo';
import { recordDigest, verifyRequest, type ItemResult, type MinistryBatch, type MinistryRecord } from './wire';

/**
 * THE LOCAL RECEIVER STAND-IN — not the ministry. A small HTTP server that plays the ministry's
 * electronic-certificate system for the embedded default, tests and the bench: it checks each
 * request's SM2 signature and each record's digest, deduplicates on the idempotency key, refuses
 * (and counts) a version older than the one it holds, stores what it took in MinistryReceived, answers
 * reconciliation queries and injects faults on demand. Production configuration refuses it.
 * It logs counts only: records carry the holder sealed, and nothing of a record is logged.
 */

export const faultKinds = ['timeout', '5xx', '429', 'reset', 'slow', 'duplicate-ack', 'partial'] as const;
export type FaultKind = (typeof faultKinds)[number];

export type FaultSettings = {
  /** Probability per batch request of each fault (0–1): the bench's "10 % of every kind". */
  rates: Partial<Record<FaultKind, number>>;
  /** The next batch requests meet these faults, in order, before the rates apply (tests). */
  script: FaultKind[];
  /** Until then every request has its connection dropped (an outage). */
  outageUntil: number | null;
  retryAfterSeconds: number;
  slowMs: number;
  /** How long a `timeout` holds the request before dropping it (longer than the client waits). */
  timeoutHoldMs: number;
};

export type ReceiverStats = {
  requests: number;
  batches: number;
  accepted: number;
  /** Records received again under a key already held: acknowledged, never stored or counted twice. */
  duplicates: number;
  /** Records older than the version held: refused, never applied (an out-of-order overwrite prevented). */
  staleRefused: number;
  /** Out-of-order overwrites applied: by construction always 0; the bench asserts it. */
  outOfOrderApplied: number;
  rejected: number;
  signatureFailures: number;
  faults: Partial<Record<FaultKind | 'outage', number>>;
  /** Milliseconds spent in its database statements (the bench shows where the time goes). */
  dbMs: number;
  /** Batches taken per signed client id (several worker processes each with an id of their own: the bench). */
  byClient: Record<string, number>;
};

export type ReceiverStandIn = {
  readonly url: string;
  readonly label: string;
  setFaults(change: Partial<FaultSettings> & { outageSeconds?: number }): FaultSettings;
  faults(): FaultSettings;
  stats(): ReceiverStats;
  /** TLS mode: handshakes refused (no client certificate, or one of another CA). */
  tlsRefused(): number;
  close(): Promise<void>;
};

export type ReceiverStandInOptions = {
  repo: ReceiverStandInRepo;
  /** The service's public keys by key id (the published signing keys). */
  keyFor: (keyId: string) => KeyObject | undefined;
  logger: Logger;
  port?: number;
  host?: string;
  faults?: Partial<FaultSettings>;
  /**
   * TLS mode, as the ministry runs it: the stand-in's certificate and key, and the CA a client
   * certificate must chain to — one is required (mutual TLS); a handshake without it is refused.
   */
  tls?: { cert: Buffer | string; key: Buffer | string; ca: Buffer | string };
  /** Called when a batch was taken (stored), before the answer leaves: the bench kills a worker here, mid-batch. */
  onTaken?: (clientId: string, records: number) => void | Promise<void>;
};

const LABEL = 'local receiver stand-in (not the ministry)';

const defaults = (): FaultSettings => ({
  rates: {},
  script: [],
  outageUntil: null,
  retryAfterSeconds: 1,
  slowMs: 300,
  timeoutHoldMs: 30_000,
});

function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-roadcert-stand-in': LABEL, ...headers });
  res.end(JSON.stringify(body));
};

const isRecord = (r: unknown): r is MinistryRecord => {
  const x = r as MinistryRecord;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.idempotencyKey === 'string' &&
    typeof x.certificateId === 'string' &&
    Number.isInteger(x.version) &&
    x.idempotencyKey === `${x.certificateId}:${x.version}` &&
    typeof x.typeCode === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(String(x.issuedOn)) &&
    typeof x.digest === 'string'
  );
};

/** Starts the stand-in on `port` (0: any free port) of 127.0.0.1. */
export async function startReceiverStandIn(options: ReceiverStandInOptions): Promise<ReceiverStandIn> {
  const { repo, logger } = options;
  let settings: FaultSettings = { ...defaults(), ...options.faults };
  const stats: ReceiverStats = {
    requests: 0,
    batches: 0,
    accepted: 0,
    duplicates: 0,
    staleRefused: 0,
    outOfOrderApplied: 0,
    rejected: 0,
    signatureFailures: 0,
    faults: {},
    dbMs: 0,
    byClient: {},
  };
  const timed = async <T>(p: Promise<T>): Promise<T> => {
    const at = performance.now();
    try {
      return await p;
    } finally {
      stats.dbMs += performance.now() - at;
    }
  };
  const nonces = new Set<string>();
  const count = (kind: FaultKind | 'outage') => (stats.faults[kind] = (stats.faults[kind] ?? 0) + 1);
  // Batches run concurrently, but two that share a certificate never interleave: the ordering check
  // and the insert of one certificate's versions happen one batch after the other.
  const inFlight = new Map<string, Promise<unknown>>();
  const exclusive = async <T>(certificateIds: string[], fn: () => Promise<T>): Promise<T> => {
    const ids = [...new Set(certificateIds)];
    const before = ids.flatMap((id) => (inFlight.has(id) ? [inFlight.get(id)!] : []));
    const run = Promise.allSettled(before).then(fn);
    const settled = run.catch(() => undefined);
    for (const id of ids) inFlight.set(id, settled);
    try {
      return await run;
    } finally {
      for (const id of ids) if (inFlight.get(id) === settled) inFlight.delete(id);
    }
  };

  const nextFault = (): FaultKind | null => {
    const scripted = settings.script.shift();
    if (scripted) return scripted;
    for (const kind of faultKinds) if (Math.random() < (settings.rates[kind] ?? 0)) return kind;
    return null;
  };

  async function accept(batch: MinistryBatch, onlyFirst: number): Promise<ItemResult[]> {
    const records = batch.records.slice(0, onlyFirst);
    const results: ItemResult[] = [];
    const valid: MinistryRecord[] = [];
    for (const r of records) {
      if (!isRecord(r)) {
        stats.rejected++;
        results.push({
          idempotencyKey: String((r as MinistryRecord)?.idempotencyKey ?? ''),
          status: 'REJECTED',
          reason: 'MALFORMED',
        });
      } else if (recordDigest(r) !== r.digest) {
        stats.rejected++;
        results.push({ idempotencyKey: r.idempotencyKey, status: 'REJECTED', reason: 'DIGEST_MISMATCH' });
      } else valid.push(r);
    }
    const rows: ReceivedRow[] = valid.map((r) => ({
      idempotencyKey: r.idempotencyKey,
      certificateId: r.certificateId,
      version: r.version,
      typeCode: r.typeCode,
      issuedOn: r.issuedOn,
      record: r,
      digest: r.digest,
      batchId: String(batch.batchId).slice(0, 64),
    }));
    const taken = rows.length ? await timed(repo.take(rows)) : [];
    for (const t of taken) {
      if (t.inserted) {
        stats.accepted++;
        results.push({ idempotencyKey: t.k, status: 'ACCEPTED' });
      } else if (!t.held && (t.latest ?? 0) > Number(t.k.split(':')[1])) {
        stats.staleRefused++;
        results.push({ idempotencyKey: t.k, status: 'STALE', reason: `version ${t.latest} held` });
      } else {
        // Held already (or stored by a concurrent copy just now): acknowledged, never counted twice.
        stats.duplicates++;
        results.push({ idempotencyKey: t.k, status: 'DUPLICATE' });
      }
    }
    return results;
  }

  async function handleBatch(req: IncomingMessage, res: ServerResponse, body: string) {
    const checked = verifyRequest(req.headers, 'POST', req.url ?? '', body, options.keyFor);
    if (!checked.ok || nonces.has(checked.nonce)) {
      stats.signatureFailures++;
      return send(res, 401, { code: checked.ok ? 'NONCE_REUSED' : checked.reason });
    }
    nonces.add(checked.nonce);
    stats.byClient[checked.clientId] = (stats.byClient[checked.clientId] ?? 0) + 1;
    if (nonces.size > 100_000) nonces.clear();
    let batch: MinistryBatch;
    try {
      batch = JSON.parse(body) as MinistryBatch;
      if (!Array.isArray(batch.records)) throw new Error('records');
    } catch {
      return send(res, 400, { code: 'MALFORMED' });
    }
    const fault = nextFault();
    if (fault) count(fault);
    const take = async () => {
      const results = await exclusive(
        batch.records.map((r) => String((r as Partial<MinistryRecord>)?.certificateId)),
        () => accept(batch, fault === 'partial' ? Math.ceil(batch.records.length / 2) : batch.records.length),
      );
      await options.onTaken?.(checked.clientId, results.length);
      return results;
    };
    switch (fault) {
      case 'timeout':
        // Taken and stored, but the answer never comes (a lost acknowledgement): the retry is a DUPLICATE.
        stats.batches++;
        await take();
        setTimeout(() => req.socket.destroy(), settings.timeoutHoldMs).unref();
        return;
      case '5xx':
        return send(res, 503, { code: 'UNAVAILABLE' });
      case '429':
        return send(res, 429, { code: 'RATE_LIMITED' }, { 'retry-after': String(settings.retryAfterSeconds) });
      case 'reset':
        req.socket.destroy();
        return;
      case 'slow':
        await new Promise((r) => setTimeout(r, settings.slowMs));
        break;
      default:
    }
    stats.batches++;
    const results = await take();
    send(res, 200, { results: fault === 'duplicate-ack' ? [...results, ...results] : results });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    stats.requests++;
    if (settings.outageUntil !== null && Date.now() < settings.outageUntil) {
      count('outage');
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/v1/certificates/batch') return handleBatch(req, res, body);
    if (req.method === 'GET' && url.pathname.startsWith('/v1/reconciliation')) {
      const checked = verifyRequest(req.headers, 'GET', req.url ?? '', body, options.keyFor);
      if (!checked.ok) {
        stats.signatureFailures++;
        return send(res, 401, { code: checked.reason });
      }
      if (url.pathname === '/v1/reconciliation') return send(res, 200, { groups: await repo.reconciliation() });
      if (url.pathname === '/v1/reconciliation/items')
        return send(res, 200, {
          items: await repo.reconciliationItems(
            url.searchParams.get('typeCode') ?? '',
            url.searchParams.get('day') ?? '',
          ),
        });
    }
    send(res, 404, { code: 'NOT_FOUND' });
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, 'ministry receiver stand-in failed on a request');
      if (!res.headersSent) send(res, 500, { code: 'INTERNAL' });
    });
  };
  const server = options.tls
    ? createTlsServer({ ...options.tls, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, onRequest)
    : createServer(onRequest);
  let tlsRefused = 0;
  server.on('tlsClientError', () => tlsRefused++);
  server.keepAliveTimeout = 30_000;
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  logger.warn(
    { url, label: LABEL, mutualTls: Boolean(options.tls) },
    'ministry receiver STAND-IN started: aggregation goes to a local stand-in, not the ministry',
  );

  return {
    url,
    label: LABEL,
    setFaults(change) {
      const { outageSeconds, ...rest } = change;
      settings = {
        ...settings,
        ...rest,
        ...(outageSeconds !== undefined
          ? { outageUntil: outageSeconds > 0 ? Date.now() + outageSeconds * 1000 : null }
          : {}),
      };
      logger.warn(
        { faults: { ...settings, script: settings.script.length } },
        'ministry receiver stand-in: faults set',
      );
      return settings;
    },
    faults: () => settings,
    stats: () => structuredClone(stats),
    tlsRefused: () => tlsRefused,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
