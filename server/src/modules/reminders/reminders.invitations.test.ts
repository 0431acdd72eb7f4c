import { conversionInvitationRunListSchema, conversionInvitationRunSchema } from '@roadcert/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs, createJobRunner, type JobRunner } from '../../jobs';
import { staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { reminderFixtures } from '../../test/reminder-fixtures';
import { INVITATION_JOB } from './invitations';
import { createRemindersModule } from './reminders.module';

let t: TestApp;
let f: ReturnType<typeof reminderFixtures>;
let steward: string;
let runner: JobRunner;
beforeAll(async () => {
  t = await startTestApp();
  f = reminderFixtures(t);
  steward = await staffSessionToken(t, 'steward');
  // The service's own job definition, alone (the scheduled jobs would run on the real clock).
  runner = createJobRunner({
    sql: t.deps.sql,
    logger: t.deps.logger,
    pollingIntervalSeconds: 0.5,
    jobs: allJobs(t.deps).filter((j) => j.name === INVITATION_JOB),
  });
  await runner.start();
});
afterAll(async () => {
  await runner?.stop(2_000);
  await t?.close();
});

const waitFor = async <T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** `n` paper certificates of fresh holders in one district (a filter nothing else matches). */
async function paperStock(area: string, n: number, typeCode = 'D071') {
  const holders = [];
  for (let i = 0; i < n; i += 1) {
    const h = await f.holder({ areaCode: area, phone: i % 3 === 2 ? null : undefined });
    await f.certificate(h.id, { carrier: i % 2 ? 'IC_CARD' : 'PAPER', areaCode: area, typeCode });
    holders.push(h);
  }
  return holders;
}

describe('换领邀请 as a background job: 202 at once, progress, resumable', () => {
  it('POST answers 202 with a QUEUED run; the job writes the invitations; GET shows DONE with the figures', async () => {
    const area = '440111';
    const holders = await paperStock(area, 5);
    const filter = { typeCode: 'D071', areaPrefix: area };
    const res = await t.api('/api/v1/staff/reminders/invitations', { token: steward, body: filter });
    expect(res.status, res.text).toBe(202);
    const queued = conversionInvitationRunSchema.parse(res.json);
    expect(queued).toMatchObject({ state: 'QUEUED', previewCount: 5, processed: 0, queued: 0, areaPrefix: area });

    const done = await waitFor(
      async () => (await t.api(`/api/v1/staff/reminders/invitations/${queued.id}`, { token: steward })).json,
      (run) => run.state === 'DONE',
    );
    expect(done).toMatchObject({ state: 'DONE', total: 5, processed: 5, queued: 5, sms: 4, wechat: 0, error: null });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    const reminders = await t.prisma.reminder.findMany({ where: { holderId: { in: holders.map((h) => h.id) } } });
    expect(reminders).toHaveLength(5);
    expect(reminders.every((r) => r.kind === 'CONVERSION' && r.batchId === queued.id)).toBe(true);

    const audit = await t.prisma.auditLog.findFirst({
      where: { action: 'reminders.conversion_invitation', subjectId: queued.id },
    });
    expect(audit).toMatchObject({ actorKind: 'STAFF', outcome: 'OK' });

    // Pressing send again this month: a new run, which adds nothing.
    const again = await t.api('/api/v1/staff/reminders/invitations', { token: steward, body: filter });
    const second = await waitFor(
      async () => (await t.api(`/api/v1/staff/reminders/invitations/${again.json.id}`, { token: steward })).json,
      (run) => run.state === 'DONE',
    );
    expect(second).toMatchObject({ processed: 5, queued: 0 });
    expect(await t.prisma.reminder.count({ where: { holderId: { in: holders.map((h) => h.id) } } })).toBe(5);

    const list = conversionInvitationRunListSchema.parse(
      (await t.api('/api/v1/staff/reminders/invitations', { token: steward })).json,
    );
    expect(list.items.slice(0, 2).map((r) => r.id)).toEqual([again.json.id, queued.id]);
  });

  it('chunks commit their progress; a crash mid-run and two workers at once resume without a duplicate', async () => {
    const area = '440112';
    const holders = await paperStock(area, 7);
    const module = createRemindersModule({ ...t.deps, invitationChunk: 2, queueJob: async () => 'test-job' });
    const state = {
      requestId: 'test',
      staff: {
        sessionId: 's',
        staffUserId: (await t.prisma.staffUser.findUniqueOrThrow({ where: { username: 'steward' } })).id,
        roles: ['DATA_STEWARD' as const],
        regionCode: '440000',
      },
    };
    const run = await module.invitations.queue(state, {
      typeCode: 'D071',
      carriers: ['PAPER', 'IC_CARD'],
      areaPrefix: area,
    });

    // The first chunk commits, then the worker "dies" (the job's retry comes later).
    const runs = await t.prisma.reminderInvitationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(runs.cursor).toBeNull();
    await t.prisma.reminderInvitationRun.update({ where: { id: run.id }, data: { state: 'RUNNING', total: 7 } });
    const { createInvitationRunsRepo } = await import('./invitation-runs.repo');
    const repo = createInvitationRunsRepo(t.prisma, {
      templates: {},
      smsProvider: 'console',
      smsFirst: ['CONVERSION'],
      firstOnly: ['CONVERSION'],
    });
    // Chunks are windows of 2 certificate ids (of any certificate): commit until some of ours are in.
    let first = await repo.chunk(run.id, 2, new Date());
    while (first.processed === 0 && !first.done) first = await repo.chunk(run.id, 2, new Date());
    expect(first).toMatchObject({ done: false, queued: first.processed });
    expect(first.processed).toBeGreaterThan(0);
    const mid = await module.invitations.get(state, run.id);
    expect(mid).toMatchObject({ state: 'RUNNING', processed: first.processed, queued: first.processed, total: 7 });
    expect((await t.prisma.reminderInvitationRun.findUniqueOrThrow({ where: { id: run.id } })).cursor).not.toBeNull();

    // A retry and a second worker at once: the row lock serialises their chunks.
    const [a, b] = await Promise.all([module.invitations.work(run.id), module.invitations.work(run.id)]);
    expect([a.state, b.state]).toEqual(['DONE', 'DONE']);
    const end = await module.invitations.get(state, run.id);
    expect(end).toMatchObject({ state: 'DONE', processed: 7, queued: 7, total: 7 });
    const reminders = await t.prisma.reminder.findMany({ where: { holderId: { in: holders.map((h) => h.id) } } });
    expect(reminders).toHaveLength(7);
    expect(new Set(reminders.map((r) => r.certificateId)).size).toBe(7);
    const outbox = await t.prisma.messageOutbox.count({ where: { reminderId: { in: reminders.map((r) => r.id) } } });
    expect(outbox).toBe(end.sms + end.wechat);
    // A job run again after DONE changes nothing.
    expect(await module.invitations.work(run.id)).toMatchObject({ state: 'DONE' });
    expect((await module.invitations.get(state, run.id)).queued).toBe(7);
  });

  it('no job runner to take it (the queue does not exist): 503, and the run is left FAILED (not_queued)', async () => {
    const module = createRemindersModule({ ...t.deps, queueJob: async () => null });
    const staffUserId = (await t.prisma.staffUser.findUniqueOrThrow({ where: { username: 'steward' } })).id;
    const state = {
      requestId: 'test',
      staff: { sessionId: 's', staffUserId, roles: ['DATA_STEWARD' as const], regionCode: '440000' },
    };
    const err = await module.invitations
      .queue(state, { typeCode: 'D071', carriers: ['PAPER'], areaPrefix: '440113' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const [run] = await t.prisma.reminderInvitationRun.findMany({ where: { areaPrefix: '440113' } });
    expect(run).toMatchObject({ state: 'FAILED', error: 'not_queued' });
  });

  it('refuses bad filters and other regions, changes nothing; an unknown or foreign run is 404', async () => {
    const before = await t.prisma.reminderInvitationRun.count();
    const bad = await t.api('/api/v1/staff/reminders/invitations', { token: steward, body: { typeCode: 'x' } });
    expect(bad.status).toBe(400);
    const outside = await t.api('/api/v1/staff/reminders/invitations', {
      token: steward,
      body: { typeCode: 'D071', areaPrefix: '11' },
    });
    expect(outside.status).toBe(403);
    expect(await t.prisma.reminderInvitationRun.count()).toBe(before);
    const foreign = await t.prisma.reminderInvitationRun.create({
      data: {
        staffUserId: '00000000-0000-7000-8000-000000000001',
        typeCode: 'D071',
        carriers: ['PAPER'],
        areaPrefix: '110101',
        month: '2026-12',
        previewCount: 0,
      },
    });
    expect((await t.api(`/api/v1/staff/reminders/invitations/${foreign.id}`, { token: steward })).status).toBe(404);
    expect((await t.api('/api/v1/staff/reminders/invitations/nope', { token: steward })).status).toBe(404);
    // Shaped like a uuid to a loose pattern, not one to PostgreSQL: still 404, never a cast error.
    expect((await t.api(`/api/v1/staff/reminders/invitations/${'-'.repeat(36)}`, { token: steward })).status).toBe(404);
  });
});
