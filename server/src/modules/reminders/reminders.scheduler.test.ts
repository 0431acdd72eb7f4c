import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';
import { addDays } from './quiet-hours';
import { reminderFixtures } from '../../test/reminder-fixtures';

let t: TestApp;
let f: ReturnType<typeof reminderFixtures>;

beforeAll(async () => {
  t = await startTestApp();
  f = reminderFixtures(t);
});
afterAll(() => t?.close());

/** 10:00 China time on a day far from the demo stock's dates. */
const TODAY = '2041-03-10';
const NOW = new Date(`${TODAY}T10:00:00+08:00`);

describe('scheduler: every kind found by date ranges, written once', () => {
  it('EXPIRY 90/30/7 days before 有效期 and EXPIRED the day after: renewal target, SMS to the holder’s number', async () => {
    const h = await f.holder();
    const d30 = await f.certificate(h.id, { validUntil: addDays(TODAY, 30) });
    const d89 = await f.certificate(h.id, { validUntil: addDays(TODAY, 89) });
    const d7 = await f.certificate(h.id, { validUntil: addDays(TODAY, 7) });
    const past = await f.certificate(h.id, { validUntil: addDays(TODAY, -1) });
    const notDue = await f.certificate(h.id, { validUntil: addDays(TODAY, 45) });
    await t.deps.reminders.scheduler.run(NOW);
    const rows = await f.remindersOf(h.id);
    const byCert = (id: string) => rows.filter((r) => r.certificateId === id).map((r) => `${r.kind}:${r.variant}`);
    expect(byCert(d30.id)).toEqual(['EXPIRY:d30']);
    expect(byCert(d89.id)).toEqual(['EXPIRY:d90']);
    expect(byCert(d7.id)).toEqual(['EXPIRY:d7']);
    expect(byCert(past.id)).toEqual(['EXPIRED:']);
    expect(byCert(notDue.id)).toEqual([]);
    const r30 = rows.find((r) => r.certificateId === d30.id)!;
    expect(r30.targetPath).toBe(`pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=${d30.id}`);
    expect(r30.params).toMatchObject({ date: addDays(TODAY, 30), typeCode: 'D071', days: 30 });
    expect(r30.dedupeKey).toBe(`EXPIRY:${d30.id}:30:${addDays(TODAY, 30)}`);
    const outbox = await f.outboxOf(r30.id);
    expect(outbox).toMatchObject([
      { channel: 'SMS', state: 'PENDING', recipientHash: h.phoneHash, templateCode: 'EXPIRY' },
    ]);
  });

  it('REVIEW_DUE: paper/IC get the conversion invitation (conversion target), electronic the plain text', async () => {
    const h = await f.holder();
    const paper = await f.certificate(h.id, { carrier: 'PAPER', reviewDueOn: addDays(TODAY, 7) });
    const electronic = await f.certificate(h.id, {
      carrier: 'ELECTRONIC',
      reviewDueOn: addDays(TODAY, 29),
      activatedAt: NOW,
    });
    await t.deps.reminders.scheduler.run(NOW);
    const rows = await f.remindersOf(h.id);
    const p = rows.find((r) => r.certificateId === paper.id)!;
    expect(p).toMatchObject({ kind: 'REVIEW_DUE', variant: 'convert', params: { review: 'INTEGRITY' } });
    expect(p.targetPath).toBe(`pkg-apply/pages/start/index?typeCode=D071&kind=CONVERSION&certificateId=${paper.id}`);
    const e = rows.find((r) => r.certificateId === electronic.id)!;
    expect(e).toMatchObject({ kind: 'REVIEW_DUE', variant: 'plain' });
    expect(e.targetPath).toBe(`pkg-certificate/pages/detail/index?id=${electronic.id}`);
  });

  it('MISSING_DATA when a holder task opens and again 7 days later if still open; staff-only tasks are not reminded', async () => {
    const h = await f.holder();
    const c1 = await f.certificate(h.id, {});
    const c2 = await f.certificate(h.id, {});
    const c3 = await f.certificate(h.id, {});
    const opened = await f.task(c1, { createdAt: new Date(NOW.getTime() - 3600_000) });
    await f.task(c1, { createdAt: new Date(NOW.getTime() - 1800_000), field: 'other' });
    const old = await f.task(c2, { createdAt: new Date(NOW.getTime() - 7 * 86_400_000) });
    await f.task(c3, { createdAt: new Date(NOW.getTime() - 3600_000), fixableBy: 'staff' });
    await t.deps.reminders.scheduler.run(NOW);
    const rows = await f.remindersOf(h.id);
    expect(rows.filter((r) => r.certificateId === c1.id)).toMatchObject([
      { kind: 'MISSING_DATA', variant: 'opened', subjectId: opened.id, params: { count: 2 } },
    ]);
    expect(rows.find((r) => r.certificateId === c1.id)!.targetPath).toBe(
      `pkg-certificate/pages/task/index?id=${opened.id}`,
    );
    expect(rows.filter((r) => r.certificateId === c2.id)).toMatchObject([
      { kind: 'MISSING_DATA', variant: 'again', subjectId: old.id },
    ]);
    expect(rows.filter((r) => r.certificateId === c3.id)).toEqual([]);
  });

  it('ACTIVATION for an electronic certificate not activated: 3 and 14 days after it arrived, at most twice', async () => {
    const h = await f.holder();
    const day3 = await f.certificate(h.id, {
      carrier: 'ELECTRONIC',
      createdAt: new Date(NOW.getTime() - 3 * 86_400_000),
      activatedAt: null,
    });
    const day14 = await f.certificate(h.id, {
      carrier: 'ELECTRONIC',
      createdAt: new Date(NOW.getTime() - 14 * 86_400_000),
      activatedAt: null,
    });
    const activated = await f.certificate(h.id, {
      carrier: 'ELECTRONIC',
      createdAt: new Date(NOW.getTime() - 3 * 86_400_000),
      activatedAt: NOW,
    });
    await t.deps.reminders.scheduler.run(NOW);
    const rows = await f.remindersOf(h.id);
    expect(rows.filter((r) => r.certificateId === day3.id)).toMatchObject([{ kind: 'ACTIVATION', variant: 'first' }]);
    expect(rows.filter((r) => r.certificateId === day14.id)).toMatchObject([{ kind: 'ACTIVATION', variant: 'second' }]);
    expect(rows.filter((r) => r.certificateId === activated.id)).toEqual([]);
    expect(rows.find((r) => r.certificateId === day3.id)!.targetPath).toBe(
      `pkg-certificate/pages/activate/index?certificateId=${day3.id}`,
    );
    // Later days never make a third one (the windows end; the dedupe keys hold).
    for (let d = 1; d <= 20; d += 1) await t.deps.reminders.scheduler.run(new Date(NOW.getTime() + d * 86_400_000));
    const again = await f.remindersOf(h.id);
    expect(again.filter((r) => r.certificateId === day3.id).map((r) => r.variant)).toEqual(['first', 'second']);
  });

  it('a missed day is caught up; a rerun, a retry and two schedulers at once add nothing', async () => {
    const h = await f.holder();
    const c = await f.certificate(h.id, { validUntil: addDays(TODAY, 28) }); // the 30-day reminder was due 2 days ago
    await Promise.all([t.deps.reminders.scheduler.run(NOW), t.deps.reminders.scheduler.run(NOW)]);
    await t.deps.reminders.scheduler.run(NOW);
    await t.deps.reminders.scheduler.run(new Date(NOW.getTime() + 3600_000));
    const rows = await f.remindersOf(h.id);
    expect(rows.filter((r) => r.certificateId === c.id).map((r) => r.variant)).toEqual(['d30']);
    expect(await f.outboxOf(rows[0]!.id)).toHaveLength(1);
  });

  it('channels: WeChat first when subscribed (no SMS then), none but the app after 退订 or withdrawn consent', async () => {
    const wx = await f.holder({ account: { openid: `o-${Math.random()}`, grantFor: 'EXPIRY' } });
    const optedOut = await f.holder();
    await t.prisma.messageOptOut.create({ data: { recipientHash: optedOut.phoneHash!, source: 'SETTINGS' } });
    const withdrawn = await f.holder({ account: { withdrawn: true } });
    const noPhone = await f.holder({ phone: null });
    const certs = await Promise.all(
      [wx, optedOut, withdrawn, noPhone].map((h) => f.certificate(h.id, { validUntil: addDays(TODAY, 30) })),
    );
    await t.deps.reminders.scheduler.run(NOW);
    const channels = async (certificateId: string) => {
      const [r] = await t.prisma.reminder.findMany({ where: { certificateId } });
      expect(r).toBeDefined();
      return (await f.outboxOf(r!.id)).map((o) => o.channel);
    };
    expect(await channels(certs[0]!.id)).toEqual(['WECHAT_SUBSCRIBE']);
    expect(await channels(certs[1]!.id)).toEqual([]);
    expect(await channels(certs[2]!.id)).toEqual([]);
    expect(await channels(certs[3]!.id)).toEqual([]);
  });
});
