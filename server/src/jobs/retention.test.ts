import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStorage } from '../adapters/storage';
import { startTestApp, type TestApp } from '../test/app';
import { cleanUpPhotos, retentionJobs, retentionPeriods } from './retention';
import { createRetentionRepo } from './retention.repo';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number, now = Date.now()) => new Date(now - days * DAY);
const hex = (n: number) => n.toString(16).padStart(64, '0');

/**
 * Each retention job on a real database: rows past their period go, recent ones stay, and
 * the photo clean-up keeps anything attached and retries object removal after a failure.
 */
describe('retention jobs', () => {
  let t: TestApp;
  let holderId: string;
  let certificateId: string;
  let staffUserId: string;
  const repo = () => createRetentionRepo(t.prisma, 2); // tiny batches: the batching loop runs
  const run = async (name: string) => {
    const job = retentionJobs({ retention: repo(), storage: t.deps.storage }).find((j) => j.name === name)!;
    return job.run({ logger: t.deps.logger });
  };

  beforeAll(async () => {
    t = await startTestApp();
    holderId = (await t.prisma.holder.findFirstOrThrow({ select: { id: true } })).id;
    certificateId = (await t.prisma.certificate.findFirstOrThrow({ select: { id: true } })).id;
    staffUserId = (await t.prisma.staffUser.findFirstOrThrow({ select: { id: true } })).id;
  });
  afterAll(() => t.close());

  it('SMS codes: older than the period go, recent ones stay', async () => {
    const code = (createdAt: Date, i: number) => ({
      phoneHash: hex(1000 + i),
      purpose: 'LOGIN',
      codeHash: hex(i),
      expiresAt: new Date(createdAt.getTime() + 5 * 60_000),
      createdAt,
    });
    const old = [3, 4, 5].map((d, i) => code(daysAgo(retentionPeriods.smsCodesDays + d), i));
    const recent = [code(daysAgo(1), 10), code(new Date(), 11)];
    await t.prisma.verificationCode.createMany({ data: [...old, ...recent] });
    expect(await run('retention.sms-codes')).toEqual({ deleted: 3 });
    const left = await t.prisma.verificationCode.findMany({ where: { phoneHash: { gte: hex(1000) } } });
    expect(left.map((r) => r.phoneHash).sort()).toEqual([hex(1010), hex(1011)]);
  });

  it('staff sign-in challenges: older than the period go, recent ones stay', async () => {
    const at = (createdAt: Date) => ({ staffUserId, createdAt, expiresAt: new Date(createdAt.getTime() + 300_000) });
    await t.prisma.staffLoginChallenge.createMany({ data: [at(daysAgo(3)), at(daysAgo(10)), at(new Date())] });
    expect(await run('retention.login-challenges')).toEqual({ deleted: 2 });
    expect(await t.prisma.staffLoginChallenge.count({ where: { staffUserId } })).toBe(1);
  });

  it('sessions: expired or revoked more than the period ago go; live and recently ended stay', async () => {
    const period = retentionPeriods.endedSessionsDays;
    const s = (i: number, expiresAt: Date, revokedAt: Date | null = null) => ({
      staffUserId,
      refreshTokenHash: hex(5000 + i),
      platform: 'h5',
      expiresAt,
      revokedAt,
    });
    await t.prisma.session.createMany({
      data: [
        s(1, daysAgo(period + 1)), // expired long ago → goes
        s(2, daysAgo(-10), daysAgo(period + 2)), // revoked long ago → goes
        s(3, daysAgo(period - 1)), // expired recently → stays
        s(4, daysAgo(-10), daysAgo(1)), // revoked recently → stays
        s(5, daysAgo(-10)), // live → stays
      ],
    });
    expect(await run('retention.sessions')).toEqual({ deleted: 2 });
    const left = await t.prisma.session.findMany({ where: { staffUserId }, select: { refreshTokenHash: true } });
    expect(left.map((r) => r.refreshTokenHash).sort()).toEqual([hex(5003), hex(5004), hex(5005)]);
  });

  it('用证记录: entries older than the period go, recent ones stay', async () => {
    const e = (at: Date, result: string) => ({
      certificateId,
      channel: 'LOOKUP' as const,
      verifierRole: 'anonymous',
      result,
      fieldsShown: [],
      at,
    });
    await t.prisma.verificationEvent.createMany({
      data: [
        e(daysAgo(retentionPeriods.usageEventsDays + 1), 'old'),
        e(daysAgo(retentionPeriods.usageEventsDays + 400), 'old'),
        e(daysAgo(retentionPeriods.usageEventsDays - 1), 'recent'),
      ],
    });
    expect(await run('retention.usage-events')).toEqual({ deleted: 2 });
    expect((await t.prisma.verificationEvent.findMany({ where: { certificateId } })).map((r) => r.result)).toEqual([
      'recent',
    ]);
  });

  describe('photos', () => {
    const photo = async (name: string, createdAt: Date, extra: { applicationId?: string } = {}) => {
      const originalKey = `retention-test/${name}.original.jpg`;
      const processedKey = `retention-test/${name}.processed.jpg`;
      await t.deps.storage.put(originalKey, Buffer.from('o'), { contentType: 'image/jpeg' });
      await t.deps.storage.put(processedKey, Buffer.from('p'), { contentType: 'image/jpeg' });
      return t.prisma.photo.create({
        data: {
          holderId,
          purpose: 'PORTRAIT',
          state: 'ACCEPTED',
          originalKey,
          processedKey,
          sha256: hex(1),
          createdAt,
          applicationId: extra.applicationId ?? null,
        },
      });
    };
    const old = () => daysAgo(retentionPeriods.unlinkedPhotosDays + 1);

    it('an old unlinked photo is deleted with its objects; recent, attached and portrait photos stay', async () => {
      const unlinked = await photo('unlinked', old());
      const recent = await photo('recent', daysAgo(1));
      const application = await t.prisma.application.create({
        data: { holderId, typeCode: '1001', kind: 'INITIAL', areaCode: '440100' },
        select: { id: true },
      });
      const attached = await photo('attached', old(), { applicationId: application.id });
      const portrait = await photo('portrait', old());
      await t.prisma.certificate.update({ where: { id: certificateId }, data: { portraitPhotoId: portrait.id } });

      expect(await run('retention.photos')).toMatchObject({ photosDeleted: 1 });
      const state = async (id: string) => (await t.prisma.photo.findUniqueOrThrow({ where: { id } })).state;
      expect(await state(unlinked.id)).toBe('DELETED');
      expect(await t.deps.storage.get(unlinked.originalKey)).toBeNull();
      expect(await t.deps.storage.get(unlinked.processedKey!)).toBeNull();
      expect(await state(recent.id)).toBe('ACCEPTED');
      expect(await t.deps.storage.get(recent.originalKey)).not.toBeNull();
      expect(await state(attached.id)).toBe('ACCEPTED');
      expect(await state(portrait.id)).toBe('ACCEPTED');
    });

    it('a storage failure fails the run; the retry removes the objects of the photo already marked', async () => {
      const p = await photo('flaky-storage', old());
      let fail = true;
      const flaky: Pick<ObjectStorage, 'delete'> = {
        delete: async (key) => {
          if (fail) throw new Error('injected storage failure');
          return t.deps.storage.delete(key);
        },
      };
      const deps = { retention: repo(), storage: flaky };
      await expect(cleanUpPhotos(deps)).rejects.toThrow('injected storage failure');
      expect((await t.prisma.photo.findUniqueOrThrow({ where: { id: p.id } })).state).toBe('DELETED');
      expect(await t.deps.storage.get(p.originalKey)).not.toBeNull();
      fail = false;
      await cleanUpPhotos(deps); // what pg-boss's retry does
      expect(await t.deps.storage.get(p.originalKey)).toBeNull();
      expect(await t.deps.storage.get(p.processedKey!)).toBeNull();
    });
  });
});
