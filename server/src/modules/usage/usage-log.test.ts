import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageLog, type UsageEvent, type UsageLogStore } from './usage-log';
import { startTestApp, type TestApp } from '../../test/app';

type Row = Parameters<UsageLogStore['insert']>[0][number];

/** An in-memory store that can be told to fail, recording every call. */
function fakeStore(options: { failBatches?: number; badCertificate?: string } = {}) {
  const rows: Row[] = [];
  const calls: string[] = [];
  let batchFailures = options.failBatches ?? 0;
  const store: UsageLogStore = {
    insert: async (data) => {
      calls.push(`insert:${data.length}`);
      if (batchFailures > 0 || data.some((r) => r.certificateId === options.badCertificate)) {
        batchFailures -= 1;
        throw Object.assign(new Error(`Invalid insert of ${JSON.stringify(data)}`), { code: 'P2003' });
      }
      rows.push(...data);
    },
  };
  return { store, rows, calls };
}

function captureLogger() {
  const lines: { level: string; obj: unknown; msg: string }[] = [];
  return {
    lines,
    logger: {
      warn: (obj: object, msg: string) => void lines.push({ level: 'warn', obj, msg }),
      error: (obj: object, msg: string) => void lines.push({ level: 'error', obj, msg }),
    },
  };
}

const event = (i: number, certificateId = '0190a000-0000-7000-8000-000000000001'): UsageEvent => ({
  certificateId,
  channel: 'QR_PORTAL',
  verifierRole: 'anonymous',
  result: 'VALID',
  fieldsShown: ['type', 'status', `f${i}`],
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('usage log writer (batching)', () => {
  it('writes nothing at once, then one batch after the interval', async () => {
    const { store, rows, calls } = fakeStore();
    const log = createUsageLog({ store, logger: captureLogger().logger, flushIntervalMs: 50 });
    for (let i = 0; i < 5; i++) log.record(event(i));
    expect(calls).toEqual([]);
    await sleep(120);
    expect(calls).toEqual(['insert:5']);
    expect(rows.map((r) => r.fieldsShown[2])).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    await log.close();
  });

  it('writes a full batch of 100 at once without waiting for the timer', async () => {
    const { store, calls } = fakeStore();
    const log = createUsageLog({ store, logger: captureLogger().logger, flushIntervalMs: 60_000 });
    for (let i = 0; i < 250; i++) log.record(event(i));
    await sleep(10);
    expect(calls).toEqual(['insert:100', 'insert:100']);
    await log.close();
    expect(calls).toEqual(['insert:100', 'insert:100', 'insert:50']);
  });

  it('close() writes what is queued; a late event after close is still written', async () => {
    const { store, rows } = fakeStore();
    const log = createUsageLog({ store, logger: captureLogger().logger, flushIntervalMs: 60_000 });
    log.record(event(1));
    log.record(event(2));
    await log.close();
    expect(rows).toHaveLength(2);
    log.record(event(3));
    await log.flush();
    expect(rows).toHaveLength(3);
  });

  it('retries a failed batch row by row: a transient failure loses nothing', async () => {
    const { store, rows, calls } = fakeStore({ failBatches: 1 });
    const { logger, lines } = captureLogger();
    const log = createUsageLog({ store, logger, flushIntervalMs: 60_000 });
    for (let i = 0; i < 3; i++) log.record(event(i));
    await log.flush();
    expect(calls).toEqual(['insert:3', 'insert:1', 'insert:1', 'insert:1']);
    expect(rows).toHaveLength(3);
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('a bad row loses only itself, and the loss is logged without ids, values or the database message', async () => {
    const bad = '0190a000-0000-7000-8000-0000000000ff';
    const { store, rows } = fakeStore({ badCertificate: bad });
    const { logger, lines } = captureLogger();
    const log = createUsageLog({ store, logger, flushIntervalMs: 60_000 });
    log.record(event(1));
    log.record({ ...event(2, bad), channel: 'LOOKUP' });
    log.record(event(3));
    await log.flush();
    expect(rows.map((r) => r.fieldsShown[2])).toEqual(['f1', 'f3']);
    const error = lines.find((l) => l.level === 'error');
    expect(error?.obj).toEqual({ lost: 1, of: 3, byChannel: { LOOKUP: 1 }, errorCode: 'P2003', errorName: 'Error' });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(bad);
    expect(logged).not.toContain('Invalid insert');
    expect(logged).not.toContain('f1');
  });

  it('holds events while the database is unreachable and writes them when it is back (issue 12)', async () => {
    const rows: Row[] = [];
    let down = true;
    const store: UsageLogStore = {
      insert: async (data) => {
        // The shape pg gives while PostgreSQL is stopped.
        if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        rows.push(...data);
      },
    };
    const { lines, logger } = captureLogger();
    const log = createUsageLog({ store, logger, flushIntervalMs: 10, retryMs: 30 });
    for (let i = 0; i < 250; i++) log.record(event(i));
    await sleep(100);
    expect(rows).toHaveLength(0);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.map((l) => l.msg)).toEqual(['usage log: database unavailable, holding events']);
    down = false;
    await sleep(100);
    expect(rows).toHaveLength(250);
    // Every row once (each keeps its own time and id, so the order of writing does not matter).
    expect(new Set(rows.map((r) => r.fieldsShown[2]))).toEqual(new Set(Array.from({ length: 250 }, (_, i) => `f${i}`)));
    expect(lines.at(-1)!.msg).toBe('usage log: database back, held events written');
    await log.close();
  });

  it('keeps at most maxHeld rows while unreachable, and reports what shutdown could not write', async () => {
    const store: UsageLogStore = {
      insert: async () => {
        throw Object.assign(new Error('Connection terminated unexpectedly'), {});
      },
    };
    const { lines, logger } = captureLogger();
    const log = createUsageLog({ store, logger, flushIntervalMs: 10, retryMs: 20, maxHeld: 30 });
    for (let i = 0; i < 50; i++) log.record(event(i));
    await sleep(60);
    await log.close();
    const lost = lines
      .filter((l) => l.msg === 'usage log events lost after retry')
      .map((l) => (l.obj as { lost: number }).lost);
    expect(lost.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it('flush() resolves only after earlier batches are written (ordered)', async () => {
    const { store, rows } = fakeStore();
    const log = createUsageLog({ store, logger: captureLogger().logger, flushIntervalMs: 60_000, maxBatch: 2 });
    for (let i = 0; i < 5; i++) log.record(event(i));
    await log.flush();
    expect(rows.map((r) => r.fieldsShown[2])).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
  });
});

describe('usage log writer against the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('stores events with field names only, at the recorded time, and drops a bad row alone', async () => {
    const cert = await t.prisma.certificate.findFirstOrThrow({ where: { typeCode: 'D008' } });
    const at = new Date('2026-11-01T08:00:00Z');
    t.usageLog.record({
      certificateId: cert.id,
      channel: 'LOOKUP',
      verifierRole: 'anonymous',
      result: 'VALID',
      fieldsShown: ['status', 'validity'],
      at,
    });
    t.usageLog.record({
      certificateId: '0190a000-0000-7000-8000-0000000000ff',
      channel: 'LOOKUP',
      verifierRole: 'anonymous',
      result: 'VALID',
      fieldsShown: [],
    });
    t.usageLog.record({
      certificateId: cert.id,
      channel: 'SHARE_OPEN',
      verifierRole: 'share-recipient',
      result: 'OPENED',
      fieldsShown: ['type'],
    });
    await t.usageLog.flush();
    const rows = await t.prisma.verificationEvent.findMany({
      where: { certificateId: cert.id },
      orderBy: { at: 'asc' },
    });
    expect(rows.map((r) => [r.channel, r.result, r.fieldsShown])).toEqual([
      ['LOOKUP', 'VALID', ['status', 'validity']],
      ['SHARE_OPEN', 'OPENED', ['type']],
    ]);
    expect(rows[0]!.at.toISOString()).toBe(at.toISOString());
  });
});
