import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import { AUDIT_GENESIS_HASH, auditRowHash, canonicalJson, createAuditLog, verifyAuditChain } from './audit';

let t: TestApp;
let audit: ReturnType<typeof createAuditLog>;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
  audit = createAuditLog(t.prisma);
});
afterAll(() => t?.close());

const entry = (n: number) => ({
  actorKind: 'SYSTEM' as const,
  action: 'test.append',
  subjectType: 'test',
  subjectId: String(n),
  outcome: 'OK' as const,
  detail: { n, note: 'x' },
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });
});

describe('audit log', () => {
  it('chains each row to the one before: the first to the genesis hash', async () => {
    await audit.record(entry(1));
    await audit.record(entry(2));
    const rows = await t.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[1]!.hash).toBe(auditRowHash(rows[0]!.hash, rows[1]!));
    expect(await verifyAuditChain(t.prisma)).toEqual({ ok: true, rows: 2, head: rows[1]!.hash });
  });

  it('never forks under concurrent appends', async () => {
    const before = await t.prisma.auditLog.count();
    await Promise.all(Array.from({ length: 25 }, (_, i) => audit.record(entry(100 + i))));
    const rows = await t.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(before + 25);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect(await verifyAuditChain(t.prisma, 7)).toMatchObject({ ok: true, rows: rows.length });
  });

  it("joins the caller's transaction: rolled back with it, committed with it", async () => {
    const before = await t.prisma.auditLog.count();
    await expect(
      t.prisma.$transaction(async (tx) => {
        await audit.record(entry(200), tx);
        throw new Error('caller fails after auditing');
      }),
    ).rejects.toThrow('caller fails');
    expect(await t.prisma.auditLog.count()).toBe(before);
    await t.prisma.$transaction((tx) => audit.record(entry(201), tx));
    expect(await t.prisma.auditLog.count()).toBe(before + 1);
    expect((await verifyAuditChain(t.prisma)).ok).toBe(true);
  });

  it('refuses personal numbers in detail (a programming error)', async () => {
    await expect(audit.record({ ...entry(300), detail: { phone: '13800138000' } })).rejects.toThrow(/personal data/);
    await expect(audit.record({ ...entry(301), detail: { id: '44010619850312451X' } })).rejects.toThrow(
      /personal data/,
    );
    await expect(
      audit.record({ ...entry(302), detail: { operatorId: '0195f2c4-1b2a-7c3d-8e4f-123456789012' } }),
    ).resolves.toBeUndefined();
  });

  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    const last = await t.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await expect(t.prisma.auditLog.update({ where: { seq: last.seq }, data: { outcome: 'DENIED' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(t.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.prisma)).ok).toBe(true);
  });

  it('detects a forged row inserted past the application (wrong hash), and a row linked to the wrong predecessor', async () => {
    const head = await t.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const forged = await t.prisma.auditLog.create({
      data: {
        actorKind: 'SYSTEM',
        action: 'certificate.activate',
        outcome: 'OK',
        detail: {},
        prevHash: head.hash,
        hash: 'f'.repeat(64),
      },
    });
    expect(await verifyAuditChain(t.prisma)).toMatchObject({
      ok: false,
      brokenAtSeq: forged.seq,
      reason: 'hash-mismatch',
    });
  });

  it('detects a row whose hash fits its contents but whose prevHash skips the chain', async () => {
    const fresh = await startTestApp({ seed: false });
    try {
      const log = createAuditLog(fresh.prisma);
      await log.record(entry(1));
      const fields = {
        at: new Date(),
        actorKind: 'SYSTEM',
        actorId: null,
        action: 'test.forged',
        subjectType: null,
        subjectId: null,
        outcome: 'OK',
        requestId: null,
        detail: {},
      };
      const forged = await fresh.prisma.auditLog.create({
        data: { ...fields, prevHash: AUDIT_GENESIS_HASH, hash: auditRowHash(AUDIT_GENESIS_HASH, fields) },
      });
      expect(await verifyAuditChain(fresh.prisma)).toMatchObject({
        ok: false,
        brokenAtSeq: forged.seq,
        reason: 'prev-hash-mismatch',
      });
    } finally {
      await fresh.close();
    }
  });
});
