import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import { auditRowHash, createAuditLog } from './audit';
import {
  AUDIT_CHECKPOINT_PREFIX,
  checkpointKey,
  verifyAuditAgainstCheckpoints,
  writeAuditCheckpoint,
  type AuditCheckpoint,
} from './audit-checkpoint';
import { generateStoredKeys, keyMaterialFrom } from './key-material';

/**
 * Checkpoints anchor the chain outside the database: a rewrite that keeps the chain
 * self-consistent (every hash recomputed) is still caught, at the first checkpoint it crosses.
 */
describe('audit checkpoints', () => {
  let t: TestApp;
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const entry = (n: number) => ({
    actorKind: 'SYSTEM' as const,
    action: 'test.append',
    subjectType: 'test',
    subjectId: String(n),
    outcome: 'OK' as const,
    detail: { n },
  });
  const keys = () => new Map([[t.deps.keys.signing.kid, t.deps.keys.signing.publicKey]]);
  const write = () => writeAuditCheckpoint({ db: t.prisma, storage: t.deps.storage, keys: t.deps.keys, logger });
  const verify = () => verifyAuditAgainstCheckpoints(t.prisma, t.deps.storage, keys(), 3);

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('an empty log gets no checkpoint; then one per head, signed, in storage and in the log', async () => {
    expect(await write()).toEqual({ written: 0 });
    const audit = createAuditLog(t.prisma);
    for (let n = 1; n <= 4; n++) await audit.record(entry(n));
    const first = await write();
    expect(first.written).toBe(1);
    expect(await write()).toMatchObject({ written: 0 }); // same head: nothing new (retries are harmless)
    for (let n = 5; n <= 8; n++) await audit.record(entry(n));
    expect((await write()).written).toBe(1);

    const stored = await t.deps.storage.list(AUDIT_CHECKPOINT_PREFIX);
    expect(stored).toHaveLength(2);
    const head = await t.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const last = JSON.parse((await t.deps.storage.get(checkpointKey(head.seq)))!.toString()) as AuditCheckpoint;
    expect(last).toMatchObject({ v: 1, seq: head.seq.toString(), headHash: head.hash, kid: t.deps.keys.signing.kid });
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; auditCheckpoint?: AuditCheckpoint });
    expect(logged.filter((l) => l.msg === 'audit checkpoint').map((l) => l.auditCheckpoint)).toContainEqual(last);

    expect(await verify()).toMatchObject({ ok: true, rows: 8, checkpoints: 2, lastCheckpointSeq: head.seq.toString() });
  });

  it('a checkpoint signed by another key (or edited) is reported, not trusted', async () => {
    const other = keyMaterialFrom(generateStoredKeys()).signing;
    const map = new Map([[t.deps.keys.signing.kid, other.publicKey]]);
    expect(await verifyAuditAgainstCheckpoints(t.prisma, t.deps.storage, map)).toMatchObject({
      ok: false,
      reason: 'checkpoint-signature-invalid',
    });
  });

  it('a wholesale rewrite (every hash recomputed) is caught at the first checkpoint after it', async () => {
    const rows = await t.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    const checkpoints = (await t.deps.storage.list(AUDIT_CHECKPOINT_PREFIX)).map((k) =>
      BigInt(/(\d+)\.json$/.exec(k)![1]!),
    );
    const [firstCheckpoint, secondCheckpoint] = checkpoints;
    // Rewrite the 6th row (between the two checkpoints) and re-chain every row after it, as an
    // attacker with database superuser rights could: the chain alone verifies afterwards.
    const target = rows.findIndex((r) => r.seq > firstCheckpoint!) + 1;
    await t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER USER');
    try {
      let prev = rows[target - 1]!.hash;
      for (const row of rows.slice(target)) {
        const fields = { ...row, detail: row.seq === rows[target]!.seq ? { n: 999 } : row.detail, prevHash: prev };
        const hash = auditRowHash(prev, fields);
        await t.prisma.auditLog.update({
          where: { seq: row.seq },
          data: { detail: fields.detail as object, prevHash: prev, hash: `tmp${hash.slice(3)}` },
        });
        prev = hash;
      }
      // Unique hashes: the final values are written in a second pass.
      for (const row of await t.prisma.auditLog.findMany({ where: { hash: { startsWith: 'tmp' } } })) {
        await t.prisma.auditLog.update({
          where: { seq: row.seq },
          data: { hash: auditRowHash(row.prevHash, row) },
        });
      }
    } finally {
      await t.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER USER');
    }
    expect(await verify()).toEqual({
      ok: false,
      rows: Number(secondCheckpoint! - rows[0]!.seq) + 1,
      brokenAtSeq: secondCheckpoint!.toString(),
      reason: 'checkpoint-mismatch',
      lastGoodSeq: firstCheckpoint!.toString(),
      checkpointKey: checkpointKey(secondCheckpoint!),
    });
  });
});
