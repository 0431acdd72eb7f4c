import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import { ANCHOR_KEEP_HOURS, anchorCleanupJob } from './anchors';
import { createAnchorCleanupRepo } from './anchors.repo';

const HOUR = 3_600_000;

/** The global anchor clean-up on a real database: anchors past the period go, in batches; the rest stay. */
describe('presentation anchor clean-up job', () => {
  let t: TestApp;

  // The embedded PGlite (no TEST_DATABASE_URL) starts slowly on a loaded machine.
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  it('deletes every anchor that started more than the period ago, over several batches, and keeps the others', async () => {
    const now = new Date();
    const certificates = await t.prisma.certificate.findMany({ select: { id: true }, take: 3 });
    const anchor = (certificateId: string, hoursAgo: number, epoch = 0) => ({
      certificateId,
      intervalStart: new Date(now.getTime() - hoursAgo * HOUR),
      epoch,
      kid: 'deadbeef',
      body: new Uint8Array([2, 1]),
      signature: new Uint8Array(64),
    });
    const old = certificates.flatMap(({ id }) => [
      anchor(id, ANCHOR_KEEP_HOURS + 1),
      anchor(id, ANCHOR_KEEP_HOURS + 3),
      anchor(id, ANCHOR_KEEP_HOURS + 3, 1),
    ]);
    const kept = certificates.flatMap(({ id }) => [anchor(id, 0), anchor(id, ANCHOR_KEEP_HOURS - 1), anchor(id, -2)]);
    await t.prisma.presentationAnchor.deleteMany({});
    await t.prisma.presentationAnchor.createMany({ data: [...old, ...kept] });

    // Batches of 2 over 9 old rows: five statements, the last one short.
    const job = anchorCleanupJob({ anchors: createAnchorCleanupRepo(t.deps.sql, 2), now: () => now });
    expect(job.cron).toBe('40 * * * *');
    expect(await job.run({ logger: t.deps.logger })).toEqual({ deleted: old.length });

    const left = await t.prisma.presentationAnchor.findMany({ select: { intervalStart: true } });
    expect(left).toHaveLength(kept.length);
    for (const row of left) expect(now.getTime() - row.intervalStart.getTime()).toBeLessThan(ANCHOR_KEEP_HOURS * HOUR);
    expect(await job.run({ logger: t.deps.logger })).toEqual({ deleted: 0 });
  });
});
