import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';
import { effectiveStatus } from './certificate-face';
import { expireCertificates } from './expire';
import { createExpiryRepo, EXPIRY_REASON } from './expire.repo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** 2030-01-11 23:59 in China: 有效期至 2030-01-10 has passed, 2030-01-11 is the last valid day. */
const lastMinuteOf11th = () => new Date('2030-01-11T15:59:00Z');
/** 2030-01-12 00:30 in China. */
const after11th = () => new Date('2030-01-11T16:30:00Z');

async function prepare() {
  const valid = await t.prisma.certificate.findMany({ where: { status: 'VALID' }, orderBy: { id: 'asc' }, take: 5 });
  expect(valid.length).toBe(5);
  const [a, b, c, d, e] = valid as [(typeof valid)[0], ...typeof valid];
  await t.prisma.certificate.update({ where: { id: a.id }, data: { validUntil: day('2030-01-10') } });
  await t.prisma.certificate.update({ where: { id: b!.id }, data: { validUntil: day('2030-01-10') } });
  await t.prisma.certificate.update({ where: { id: c!.id }, data: { validUntil: day('2030-01-11') } });
  // Past its date but suspended: stays SUSPENDED (expiry moves VALID certificates only).
  await t.prisma.certificate.update({
    where: { id: d!.id },
    data: { validUntil: day('2030-01-01'), status: 'SUSPENDED' },
  });
  await t.prisma.certificate.update({ where: { id: e!.id }, data: { validUntil: null } }); // 长期
  return { a, b: b!, c: c!, d: d!, e: e! };
}

const dueCount = (today: string) =>
  t.prisma.certificate.count({ where: { status: 'VALID', validUntil: { lt: day(today) } } });
const outboxOf = (certificateId: string) =>
  t.prisma.aggregationOutbox.findMany({ where: { certificateId }, orderBy: { version: 'asc' } });

describe('the daily 已过期 job', () => {
  it('moves VALID certificates past 有效期至 (China day, injectable clock) to EXPIRED with an event and an aggregation version', async () => {
    const { a, b, c, d, e } = await prepare();
    const repo = createExpiryRepo(t.deps.sql);
    const before = await Promise.all([a, b, c].map((x) => outboxOf(x.id)));
    const readBefore = await t.prisma.certificate.findUniqueOrThrow({ where: { id: a.id } });

    const due = await dueCount('2030-01-11');
    const first = await expireCertificates({ repo, now: lastMinuteOf11th, chunkSize: 2 });
    expect(first).toMatchObject({ today: '2030-01-11', expired: due });
    expect(first.chunks).toBe(Math.ceil(due / 2));
    const rows = await t.prisma.certificate.findMany({ where: { id: { in: [a.id, b.id, c.id, d.id, e.id] } } });
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect([status[a.id], status[b.id], status[c.id], status[d.id], status[e.id]]).toEqual([
      'EXPIRED',
      'EXPIRED',
      'VALID', // its last day
      'SUSPENDED',
      'VALID', // 长期
    ]);
    expect(rows.find((r) => r.id === a.id)!.statusReason).toBe(EXPIRY_REASON);

    // Same transaction: the event and the next aggregation version (STATUS, VALID → EXPIRED).
    const events = await t.prisma.certificateEvent.findMany({ where: { certificateId: a.id, kind: 'EXPIRED' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorKind: 'SYSTEM',
      detail: { from: 'VALID', to: 'EXPIRED', validUntil: '2030-01-10' },
    });
    const outbox = await outboxOf(a.id);
    expect(outbox).toHaveLength(before[0]!.length + 1);
    expect(outbox.at(-1)).toMatchObject({
      event: 'STATUS',
      state: 'PENDING',
      payload: { from: 'VALID', to: 'EXPIRED' },
      dedupeKey: `${a.id}:${outbox.at(-1)!.version}`,
    });
    expect((await outboxOf(c.id)).length).toBe(before[2]!.length);

    // What verifiers and holders read does not change: the date already made it 已过期.
    const readAfter = await t.prisma.certificate.findUniqueOrThrow({ where: { id: a.id } });
    const at = lastMinuteOf11th();
    expect(effectiveStatus(readAfter, at)).toEqual(effectiveStatus(readBefore, at));
    expect(effectiveStatus(readAfter, at)).toMatchObject({ status: 'EXPIRED', valid: false });

    // Idempotent: run again the same day, nothing moves and nothing is queued.
    const outboxCount = await t.prisma.aggregationOutbox.count();
    expect(await expireCertificates({ repo, now: lastMinuteOf11th })).toMatchObject({ expired: 0, chunks: 0 });
    expect(await t.prisma.aggregationOutbox.count()).toBe(outboxCount);

    // The next China day, 2030-01-11's certificate goes too.
    expect((await expireCertificates({ repo, now: after11th })).expired).toBeGreaterThanOrEqual(1);
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('EXPIRED');
  });

  it('several runs at once (several processes) expire each certificate once', async () => {
    const some = await t.prisma.certificate.findMany({ where: { status: 'VALID' }, take: 6, orderBy: { id: 'desc' } });
    await t.prisma.certificate.updateMany({
      where: { id: { in: some.map((s) => s.id) } },
      data: { validUntil: day('2031-03-01') },
    });
    const due = await dueCount('2031-03-02');
    const outboxBefore = await t.prisma.aggregationOutbox.count({ where: { event: 'STATUS' } });
    const now = () => new Date('2031-03-02T04:00:00Z');
    const runs = await Promise.all(
      [0, 1, 2].map(() => expireCertificates({ repo: createExpiryRepo(t.deps.sql), now, chunkSize: 1 })),
    );
    expect(runs.reduce((n, r) => n + r.expired, 0)).toBe(due);
    expect(await t.prisma.aggregationOutbox.count({ where: { event: 'STATUS' } })).toBe(outboxBefore + due);
    for (const s of some) {
      const events = await t.prisma.certificateEvent.count({ where: { certificateId: s.id, kind: 'EXPIRED' } });
      expect(events).toBe(1);
    }
  });
});
