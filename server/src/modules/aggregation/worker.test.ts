import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpMinistryClient,
  createReceiverStandInRepo,
  openHolder,
  startReceiverStandIn,
  type MinistryRecord,
  type ReceiverStandIn,
} from '../../adapters/ministry';
import { demoHolders } from '../../seed/demo-holders';
import { startTestApp, type TestApp } from '../../test/app';
import { enqueueAggregation } from '../certificates';
import { createAggregationRepo } from './aggregation.repo';
import { createCircuitBreaker } from './circuit-breaker';
import { backoffMs, createAggregationWorker } from './worker';

let t: TestApp;
let receiver: ReceiverStandIn;
const transport = { key: randomBytes(16), keyId: 't1' };

beforeAll(async () => {
  t = await startTestApp();
  receiver = await startReceiverStandIn({
    repo: createReceiverStandInRepo(t.deps.sql),
    keyFor: (kid) => (kid === t.deps.keys.signing.kid ? t.deps.keys.signing.publicKey : undefined),
    logger: t.deps.logger,
    faults: { timeoutHoldMs: 2_000, slowMs: 50 },
  });
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});
beforeEach(() => {
  receiver.setFaults({ rates: {}, script: [], outageSeconds: 0 });
});

const client = (timeoutMs = 5_000) =>
  createHttpMinistryClient({
    baseUrl: receiver.url,
    target: 'stand-in',
    timeoutMs,
    signer: { clientId: 'roadcert-test', keyId: t.deps.keys.signing.kid, privateKey: t.deps.keys.signing.privateKey },
  });

const worker = (options: Parameters<typeof createAggregationWorker>[0]['options'] = {}, timeoutMs?: number) =>
  createAggregationWorker({
    repo: createAggregationRepo(t.deps.sql),
    client: client(timeoutMs),
    keys: { fieldCrypto: t.deps.fieldCrypto, transport },
    logger: t.deps.logger,
    options: { baseDelayMs: 10, maxDelayMs: 50, idleMs: 20, ...options },
    breaker: createCircuitBreaker({ threshold: 1000 }),
  });

/** A few seeded certificates, each enqueued once more (a fresh version) in its own transaction. */
async function enqueueSome(n: number, event: 'RECONCILE' | 'STATUS' = 'RECONCILE') {
  const certs = await t.prisma.certificate.findMany({ take: n, orderBy: { id: 'asc' } });
  for (const c of certs) await t.prisma.$transaction((tx) => enqueueAggregation(tx, c.id, event));
  return certs;
}

const outboxOf = (certificateId: string) =>
  t.prisma.aggregationOutbox.findMany({ where: { certificateId }, orderBy: { version: 'asc' } });
const received = (certificateId: string) =>
  t.prisma.ministryReceived.findMany({ where: { certificateId }, orderBy: { version: 'asc' } });

describe('enqueue', () => {
  it('is part of the change: a rolled-back transaction leaves no outbox row and no version', async () => {
    const cert = await t.prisma.certificate.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const before = await t.prisma.aggregationOutbox.count({ where: { certificateId: cert.id } });
    await expect(
      t.prisma.$transaction(async (tx) => {
        await enqueueAggregation(tx, cert.id, 'STATUS', { from: 'VALID', to: 'SUSPENDED' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await t.prisma.aggregationOutbox.count({ where: { certificateId: cert.id } })).toBe(before);
    // Committed: consecutive versions, idempotency key <id>:<version>.
    const v1 = await t.prisma.$transaction((tx) => enqueueAggregation(tx, cert.id, 'STATUS'));
    const v2 = await t.prisma.$transaction((tx) => enqueueAggregation(tx, cert.id, 'CHANGED'));
    expect(v2).toBe(v1 + 1);
    const rows = await outboxOf(cert.id);
    expect(rows.at(-1)).toMatchObject({ version: v2, dedupeKey: `${cert.id}:${v2}`, state: 'PENDING' });
    await worker().drain();
  });

  it('concurrent enqueues of one certificate get distinct consecutive versions', async () => {
    const cert = await t.prisma.certificate.findFirstOrThrow({ orderBy: { id: 'desc' }, skip: 1 });
    const versions = await Promise.all(
      Array.from({ length: 5 }, () => t.prisma.$transaction((tx) => enqueueAggregation(tx, cert.id, 'CHANGED'))),
    );
    const sorted = [...versions].sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(5);
    expect(sorted.at(-1)! - sorted[0]!).toBe(4);
    await worker().drain();
  });
});

describe('delivery', () => {
  it('delivers signed records with the holder sealed; the receiver holds the latest version', async () => {
    const certs = await enqueueSome(6);
    const w = worker();
    expect(await w.drain()).toBe(true);
    for (const c of certs) {
      const rows = await outboxOf(c.id);
      expect(rows.at(-1)!.state).toBe('ACKED');
      const got = await received(c.id);
      expect(got.at(-1)!.version).toBe(rows.at(-1)!.version);
      const cursor = await t.prisma.certificateAggregation.findUniqueOrThrow({ where: { certificateId: c.id } });
      expect(cursor).toMatchObject({ ackedVersion: rows.at(-1)!.version, leasedUntil: null });
    }
    // No personal data in clear at the receiver or in the outbox; the sealed holder opens with the transport key.
    const stored = await t.prisma.ministryReceived.findMany({});
    const text =
      JSON.stringify(stored.map((s) => s.record)) + JSON.stringify(await t.prisma.aggregationOutbox.findMany());
    for (const h of demoHolders) {
      expect(text).not.toContain(h.identityCode.length === 18 && h.kind === 'PERSON' ? h.identityCode : '\u0000');
      if (h.kind === 'PERSON') expect(text).not.toContain(h.name);
    }
    const record = stored[0]!.record as MinistryRecord;
    expect(openHolder(record.holder.sealed, transport.key).code.length).toBeGreaterThan(0);
  });

  it('an older version never overwrites a newer one: pending older versions are superseded, the receiver refuses a stale one', async () => {
    const [cert] = await enqueueSome(1);
    await t.prisma.$transaction((tx) => enqueueAggregation(tx, cert!.id, 'STATUS'));
    await t.prisma.$transaction((tx) => enqueueAggregation(tx, cert!.id, 'CHANGED'));
    await worker().drain();
    const rows = await outboxOf(cert!.id);
    const latest = rows.at(-1)!;
    expect(latest.state).toBe('ACKED');
    expect(rows.slice(-3, -1).map((r) => r.state)).toEqual(['SUPERSEDED', 'SUPERSEDED']);
    // Sent by hand, an older version is refused as STALE and not stored.
    const stale = (await received(cert!.id)).at(-1)!.record as MinistryRecord;
    const older = { ...stale, version: latest.version - 1, idempotencyKey: `${cert!.id}:${latest.version - 1}` };
    const { recordDigest } = await import('../../adapters/ministry');
    const before = receiver.stats().staleRefused;
    const answer = await client().sendBatch({ batchId: 'x', records: [{ ...older, digest: recordDigest(older) }] });
    expect(answer).toMatchObject({ kind: 'answered', answer: { results: [{ status: 'STALE' }] } });
    expect(receiver.stats().staleRefused).toBe(before + 1);
    expect(receiver.stats().outOfOrderApplied).toBe(0);
    expect((await received(cert!.id)).at(-1)!.version).toBe(latest.version);
  });

  it('a duplicate acknowledgement is not counted twice; a re-sent record is a DUPLICATE at the receiver', async () => {
    const certs = await enqueueSome(3);
    receiver.setFaults({ script: ['duplicate-ack'] });
    const before = receiver.stats();
    const w = worker();
    await w.drain();
    expect(w.counters().acked).toBe(3);
    expect(receiver.stats().accepted - before.accepted).toBe(3);
    // The same records again (a lost acknowledgement): acknowledged as DUPLICATE, stored once.
    const rows = await Promise.all(certs.map(async (c) => (await received(c.id)).at(-1)!.record as MinistryRecord));
    const again = await client().sendBatch({ batchId: 'again', records: rows });
    expect(again.kind === 'answered' && again.answer.results.every((r) => r.status === 'DUPLICATE')).toBe(true);
    expect(receiver.stats().accepted - before.accepted).toBe(3);
  });
});

describe('faults', () => {
  for (const fault of ['5xx', '429', 'reset', 'timeout', 'slow', 'partial'] as const) {
    it(`${fault}: retried until delivered, each version stored once`, async () => {
      const certs = await enqueueSome(4);
      receiver.setFaults({ script: [fault], retryAfterSeconds: 0 });
      const before = receiver.stats();
      const w = worker({}, 500);
      expect(await w.drain(20_000)).toBe(true);
      for (const c of certs) expect((await outboxOf(c.id)).at(-1)!.state).toBe('ACKED');
      expect(receiver.stats().faults[fault]! - (before.faults[fault] ?? 0)).toBe(1);
      expect(receiver.stats().accepted - before.accepted).toBe(4);
      if (fault !== 'slow') expect(w.counters().retried).toBeGreaterThan(0);
      // A timeout loses the acknowledgement of a stored batch: the retry is acknowledged as DUPLICATE.
      if (fault === 'timeout') expect(receiver.stats().duplicates - before.duplicates).toBe(4);
    });
  }

  it('429 with Retry-After: the entries wait that long', async () => {
    const [cert] = await enqueueSome(1);
    receiver.setFaults({ script: ['429'], retryAfterSeconds: 30 });
    const w = worker();
    await w.runOnce();
    const row = (await outboxOf(cert!.id)).at(-1)!;
    expect(row.state).toBe('PENDING');
    expect(row.lastError).toMatch(/^RATE_LIMITED/);
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(20_000);
    await t.prisma.aggregationOutbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(0) } });
    await w.drain();
  });

  it('DEAD after the last attempt with the reason kept; 补传 sends it again', async () => {
    const [cert] = await enqueueSome(1);
    receiver.setFaults({ script: ['5xx', '5xx'] });
    const w = worker({ maxAttempts: 2 });
    await w.drain(5_000);
    const dead = (await outboxOf(cert!.id)).at(-1)!;
    expect(dead).toMatchObject({ state: 'DEAD', attempts: 2 });
    expect(dead.lastError).toMatch(/^HTTP_5XX: HTTP 503/);
    const repo = createAggregationRepo(t.deps.sql);
    expect((await repo.deadLetters({ areaPrefix: '', limit: 10 })).map((d) => d.id)).toContain(dead.id);
    const resent = await repo.resend({ areaPrefix: '', ids: [dead.id], limit: 10 });
    expect(resent.map((r) => r.id)).toEqual([dead.id]);
    await w.drain();
    expect((await outboxOf(cert!.id)).at(-1)!.state).toBe('ACKED');
  });

  it('an outage opens the circuit breaker: nothing is sent until a probe succeeds', async () => {
    const certs = await enqueueSome(3);
    receiver.setFaults({ outageSeconds: 1 });
    const breaker = createCircuitBreaker({ threshold: 2, cooldownMs: 300 });
    const w = createAggregationWorker({
      repo: createAggregationRepo(t.deps.sql),
      client: client(),
      keys: { fieldCrypto: t.deps.fieldCrypto, transport },
      logger: t.deps.logger,
      options: { baseDelayMs: 10, maxDelayMs: 20, idleMs: 20, batchSize: 1 },
      breaker,
    });
    expect(await w.drain(15_000)).toBe(true);
    expect(breaker.timesOpened()).toBeGreaterThanOrEqual(1);
    expect(breaker.state()).toBe('closed');
    for (const c of certs) expect((await outboxOf(c.id)).at(-1)!.state).toBe('ACKED');
    // Attempts stayed low: while open nothing was claimed.
    const attempts = (await Promise.all(certs.map(async (c) => (await outboxOf(c.id)).at(-1)!.attempts))).sort();
    expect(attempts.at(-1)!).toBeLessThan(6);
  });

  it('two workers at once: every version delivered once, no certificate sent twice', async () => {
    const certs = await enqueueSome(40);
    for (const c of certs.slice(0, 20)) await t.prisma.$transaction((tx) => enqueueAggregation(tx, c.id, 'CHANGED'));
    const before = receiver.stats();
    const a = worker({ batchSize: 7, concurrency: 2 });
    const b = worker({ batchSize: 5, concurrency: 2 });
    a.start();
    b.start();
    const repo = createAggregationRepo(t.deps.sql);
    const until = Date.now() + 20_000;
    while ((await repo.pendingCount()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await Promise.all([a.stop(), b.stop()]);
    expect(await repo.pendingCount()).toBe(0);
    const after = receiver.stats();
    expect(after.duplicates - before.duplicates).toBe(0);
    expect(after.staleRefused - before.staleRefused).toBe(0);
    expect(after.accepted - before.accepted).toBe(a.counters().acked + b.counters().acked);
    for (const c of certs) {
      const latest = (await outboxOf(c.id)).at(-1)!;
      expect((await received(c.id)).at(-1)!.version).toBe(latest.version);
    }
  });
});

describe('backoff and breaker', () => {
  it('back-off doubles per attempt with jitter, within its ceiling', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('opens after the threshold, half-opens after the cooldown, closes on success', () => {
    let now = 0;
    const b = createCircuitBreaker({ threshold: 2, cooldownMs: 100, now: () => now });
    b.failure();
    expect(b.state()).toBe('closed');
    b.failure();
    expect(b.state()).toBe('open');
    now = 150;
    expect(b.state()).toBe('half-open');
    b.failure(); // the probe failed: open again, longer
    now = 300;
    expect(b.state()).toBe('open');
    now = 400;
    expect(b.state()).toBe('half-open');
    b.success();
    expect(b.state()).toBe('closed');
  });
});

describe('a worker killed mid-batch', () => {
  it('its lease runs out, another worker sends the entry, the receiver stores it once', async () => {
    const [cert] = await enqueueSome(1);
    const repo = createAggregationRepo(t.deps.sql);
    // The "killed" worker: claimed (lease of 1 s), never sent or settled.
    const claimed = await repo.claim(500, 1);
    expect(claimed.entries.map((e) => e.certificateId)).toContain(cert!.id);
    const other = worker();
    await other.runOnce();
    expect((await outboxOf(cert!.id)).at(-1)!.state).toBe('PENDING'); // still leased: not taken
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await other.drain()).toBe(true);
    const latest = (await outboxOf(cert!.id)).at(-1)!;
    expect(latest).toMatchObject({ state: 'ACKED', attempts: 1 });
    expect((await received(cert!.id)).filter((r) => r.version === latest.version)).toHaveLength(1);
  });
});
