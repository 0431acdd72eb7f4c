import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import { createJobRunner, type JobRunner } from './runner';

/** pg-boss over the app's own pool: jobs run, a failing run is retried, cron schedules are stored. */
describe('background job runner (pg-boss on the app pool)', () => {
  let t: TestApp;
  let runner: JobRunner;
  const runs: string[] = [];
  let failuresLeft = 1;
  const payloads: unknown[] = [];

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    runner = createJobRunner({
      sql: t.deps.sql,
      logger: t.deps.logger,
      pollingIntervalSeconds: 0.5,
      jobs: [
        {
          name: 'test.flaky',
          cron: null,
          description: 'fails once, then succeeds',
          retryLimit: 2,
          retryDelaySeconds: 0,
          run: async () => {
            runs.push('flaky');
            if (failuresLeft-- > 0) throw new Error('injected failure');
            return { done: 1 };
          },
        },
        { name: 'test.scheduled', cron: '5 3 * * *', description: 'daily', run: async () => undefined },
        {
          name: 'test.payload',
          cron: null,
          description: 'a job queued with a payload',
          run: async ({ data }) => {
            payloads.push(data);
            return { runId: String(data?.runId) };
          },
        },
      ],
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop(2_000);
    await t.close();
  });

  const waitFor = async (check: () => Promise<boolean>, ms = 20_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('timed out');
  };

  it('a failed run is retried and then completes', async () => {
    const id = await runner.runNow('test.flaky');
    expect(id).toBeTruthy();
    await waitFor(async () => (await runner.boss.getJobById('test.flaky', id!))?.state === 'completed');
    const job = await runner.boss.getJobById('test.flaky', id!);
    expect(job?.retryCount).toBe(1);
    expect(runs).toEqual(['flaky', 'flaky']);
  });

  it('a job queued with a payload receives it; one queued without gets {}', async () => {
    const withData = await runner.runNow('test.payload', { runId: 'r-1', chunk: 500 });
    const without = await runner.runNow('test.payload');
    for (const id of [withData, without])
      await waitFor(async () => (await runner.boss.getJobById('test.payload', id!))?.state === 'completed');
    expect(payloads).toEqual([{ runId: 'r-1', chunk: 500 }, {}]);
    expect((await runner.boss.getJobById('test.payload', withData!))?.output).toEqual({ runId: 'r-1' });
  });

  it('stores the cron schedule in the database (one row per job, whichever process wrote it)', async () => {
    const schedules = await runner.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron, s.options?.tz])).toEqual([['test.scheduled', '5 3 * * *', 'UTC']]);
  });

  it('starting a second runner on the same database (another process) keeps one queue and one schedule', async () => {
    const second = createJobRunner({
      sql: t.deps.sql,
      logger: t.deps.logger,
      jobs: [{ name: 'test.scheduled', cron: '5 3 * * *', description: 'daily', run: async () => undefined }],
    });
    await second.start();
    await second.stop(1_000);
    expect((await runner.boss.getSchedules()).filter((s) => s.name === 'test.scheduled')).toHaveLength(1);
    expect((await runner.boss.getQueues()).filter((q) => q.name === 'test.scheduled')).toHaveLength(1);
  });
});
