import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app';
import { createAuditLog, safeAuditText, verifyAuditChain } from './audit';

/** A denial records what the caller asked for; whatever that was, the append must succeed. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t?.close());

describe('audit appends with hostile caller input', () => {
  it('U+0000, control characters and half surrogate pairs in subjectId and detail are stored as a digest', async () => {
    const audit = createAuditLog(t.prisma);
    const hostile = ['\u0000', 'ab\u0000cd', '\u0001\u0002', '\ud800', `${'x'.repeat(63)}😀`];
    for (const subjectId of hostile) {
      await audit.record({
        actorKind: 'ANONYMOUS',
        action: 'test.hostile',
        subjectType: 'certificate',
        subjectId,
        outcome: 'DENIED',
        detail: { asked: subjectId, [`k${subjectId}`]: 1 },
      });
    }
    const rows = await t.prisma.auditLog.findMany({ where: { action: 'test.hostile' }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.subjectId)).toEqual(hostile.map((h) => safeAuditText(h.slice(0, 64))));
    for (const row of rows) expect(row.subjectId).toMatch(/^unsafe:[0-9a-f]{32}$/);
    expect(rows[0]!.detail).toEqual({ asked: rows[0]!.subjectId, [safeAuditText('k\u0000')]: 1 });
    // What was stored is what was hashed: the chain still verifies.
    expect(await verifyAuditChain(t.prisma)).toMatchObject({ ok: true });
  });

  it('ordinary ids, codes and Chinese text pass unchanged', () => {
    for (const text of ['0190d8d2-0000-7000-8000-000000000001', 'not-a-uuid', '粤交运管穗字440100165716号', '😀'])
      expect(safeAuditText(text)).toBe(text);
  });
});
