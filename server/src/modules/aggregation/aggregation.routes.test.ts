import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffSessionToken, startTestApp, type TestApp } from '../../test/app';

let t: TestApp;
let steward: string;
let reviewer: string;

beforeAll(async () => {
  t = await startTestApp({ env: { MINISTRY_TIMEOUT_MS: '1000' } });
  steward = await staffSessionToken(t, 'steward');
  reviewer = await staffSessionToken(t, 'reviewer');
  // The embedded default: the local receiver stand-in; the worker is driven by hand below.
  await t.deps.aggregation.start({ runWorker: false });
});
afterAll(async () => {
  await t?.deps.aggregation.stop();
  await t?.close();
});

const worker = async () => {
  const { createAggregationWorker } = await import('./worker');
  const { createCircuitBreaker } = await import('./circuit-breaker');
  return createAggregationWorker({
    repo: t.deps.aggregation.repo,
    client: await t.deps.aggregation.client(),
    keys: { fieldCrypto: t.deps.fieldCrypto, transport: t.deps.aggregation.transport },
    logger: t.deps.logger,
    options: { baseDelayMs: 5, maxDelayMs: 10, idleMs: 10, maxAttempts: 2 },
    breaker: createCircuitBreaker({ threshold: 1000 }),
  });
};

describe('staff aggregation', () => {
  it('only data stewards and admins see it', async () => {
    expect((await t.api('/api/v1/staff/aggregation/summary', { token: reviewer })).status).toBe(403);
    expect((await t.api('/api/v1/staff/aggregation/summary')).status).toBe(401);
  });

  it('start-up queues the seeded electronic certificates once; the rate reaches 100 % when they are delivered', async () => {
    const electronic = await t.prisma.certificate.count({ where: { carrier: 'ELECTRONIC' } });
    expect(await t.prisma.aggregationOutbox.count({ where: { event: 'BACKFILL' } })).toBe(electronic);
    const before = await t.api('/api/v1/staff/aggregation/summary', { token: steward });
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ target: 'stand-in', target95: 0.95 });
    expect(before.json.targetLabel).toContain('模拟');
    expect(before.json.overall).toMatchObject({ total: electronic, acknowledged: 0, rate: 0 });
    expect(before.json.queue.pending).toBe(electronic);
    expect(before.json.alerts.map((a: { code: string }) => a.code)).toEqual(['RATE_BELOW_TARGET']);

    expect(await (await worker()).drain()).toBe(true);
    const after = await t.api('/api/v1/staff/aggregation/summary', { token: steward });
    expect(after.json.overall).toMatchObject({ total: electronic, acknowledged: electronic, rate: 1 });
    expect(after.json.byType.length).toBeGreaterThan(0);
    expect(after.json.byRegion.length).toBeGreaterThan(0);
    expect(after.json.lag.acknowledged).toBeGreaterThan(0);
    expect(after.json.lag.p50Ms).not.toBeNull();
    expect(after.json.alerts).toEqual([]);
    const run = await t.api('/api/v1/staff/aggregation/reconciliations', { token: steward, method: 'POST' });
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ state: 'MATCHED', mismatched: 0, requeued: 0 });
    expect(run.json.groups).toBeGreaterThan(0);
  });

  it('reconciliation queues an electronic certificate that never entered the outbox', async () => {
    const model = await t.prisma.certificate.findFirstOrThrow({ where: { carrier: 'ELECTRONIC' } });
    const { id: _id, identifier, statusIndex: _s, portraitPhotoId: _p, replacedById: _r, ...rest } = model;
    const copy = await t.prisma.certificate.create({
      data: { ...rest, identifier: `${identifier}x`, extension: rest.extension ?? {} },
    });
    const run = await t.api('/api/v1/staff/aggregation/reconciliations', { token: steward, method: 'POST' });
    expect(run.json).toMatchObject({ state: 'REQUEUED', requeued: 1 });
    expect(await t.prisma.aggregationOutbox.findFirstOrThrow({ where: { certificateId: copy.id } })).toMatchObject({
      event: 'RECONCILE',
      version: 1,
    });
    await (await worker()).drain();
  });

  it('reconciliation finds a record the receiver lost and queues it again', async () => {
    const lost = await t.prisma.ministryReceived.findFirstOrThrow({ orderBy: { receivedAt: 'desc' } });
    await t.prisma.ministryReceived.deleteMany({ where: { certificateId: lost.certificateId } });
    const run = await t.api('/api/v1/staff/aggregation/reconciliations', { token: steward, method: 'POST' });
    expect(run.json).toMatchObject({ state: 'REQUEUED', mismatched: 1, requeued: 1 });
    expect(run.json.detail[0].theirs).toBe(run.json.detail[0].ours - 1);
    const queued = await t.prisma.aggregationOutbox.findFirstOrThrow({
      where: { certificateId: lost.certificateId, state: 'PENDING' },
    });
    expect(queued.event).toBe('RECONCILE');
    await (await worker()).drain();
    expect(await t.prisma.ministryReceived.count({ where: { certificateId: lost.certificateId } })).toBe(1);
    const list = await t.api('/api/v1/staff/aggregation/reconciliations', { token: steward });
    expect(list.json.items[0]).toMatchObject({ id: run.json.id, state: 'REQUEUED' });
  });

  it('dead letters are listed with the reason and re-sent (补传) one by one or in bulk', async () => {
    const certs = await t.prisma.certificate.findMany({ where: { carrier: 'ELECTRONIC' }, take: 3 });
    await t.deps.aggregation.repo.requeue(certs.map((c) => c.id));
    t.deps.aggregation.standIn()!.setFaults({ rates: { '5xx': 1 } });
    await (await worker()).drain(5_000);
    t.deps.aggregation.standIn()!.setFaults({ rates: {} });
    const dead = await t.api('/api/v1/staff/aggregation/dead-letters', { token: steward });
    expect(dead.status).toBe(200);
    expect(dead.json.items).toHaveLength(3);
    expect(dead.json.items[0].reason).toMatch(/^HTTP_5XX/);
    const summary = await t.api('/api/v1/staff/aggregation/summary', { token: steward });
    expect(summary.json.queue.dead).toBe(3);
    expect(summary.json.failures).toEqual([{ reason: 'HTTP_5XX', retrying: 0, dead: 3 }]);
    expect(summary.json.alerts).toContainEqual({ code: 'DEAD_LETTERS', message: '3条归集失败，需要补传' });
    expect(summary.json.overall.acknowledged).toBe(summary.json.overall.total - 3);

    const one = await t.api('/api/v1/staff/aggregation/dead-letters/resend', {
      token: steward,
      body: { ids: [dead.json.items[0].id] },
    });
    expect(one.json).toMatchObject({ resent: 1 });
    const all = await t.api('/api/v1/staff/aggregation/dead-letters/resend', { token: steward, body: { all: true } });
    expect(all.json).toMatchObject({ resent: 2 });
    await (await worker()).drain();
    expect((await t.api('/api/v1/staff/aggregation/dead-letters', { token: steward })).json.items).toHaveLength(0);
    expect(await t.prisma.auditLog.count({ where: { action: 'aggregation.resend' } })).toBe(2);
  });

  it('the stand-in fault control is for admins only', async () => {
    expect((await t.api('/api/v1/staff/aggregation/stand-in', { token: steward })).status).toBe(403);
    await t.prisma.staffUser.update({ where: { username: 'steward' }, data: { roles: ['DATA_STEWARD', 'ADMIN'] } });
    const set = await t.api('/api/v1/staff/aggregation/stand-in/faults', {
      token: steward,
      method: 'PUT',
      body: { rates: { '429': 0.1 }, outageSeconds: 0, script: ['reset'] },
    });
    expect(set.status).toBe(200);
    expect(set.json.label).toContain('stand-in');
    expect(set.json.faults).toMatchObject({ rates: { '429': 0.1 }, scriptLeft: 1 });
    expect(set.json.stats.outOfOrderApplied).toBe(0);
    t.deps.aggregation.standIn()!.setFaults({ rates: {}, script: [] });
  });
});
