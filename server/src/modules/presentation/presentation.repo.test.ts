import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';
import { readCertificateState } from './presentation.repo';

describe('readCertificateState (the verify path’s one SQL statement)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('returns what Prisma returns for every seeded certificate, and null for an unknown id', async () => {
    // One long-term certificate (validUntil null), which the seed has none of.
    const longTerm = await t.prisma.certificate.findFirstOrThrow({ where: { typeCode: 'D008' } });
    await t.prisma.certificate.update({ where: { id: longTerm.id }, data: { validUntil: null } });
    const certificates = await t.prisma.certificate.findMany({
      select: {
        id: true,
        typeCode: true,
        carrier: true,
        status: true,
        validFrom: true,
        validUntil: true,
        numberMasked: true,
        activatedAt: true,
        presentationEpoch: true,
        holder: { select: { kind: true, name: true } },
      },
    });
    expect(certificates.length).toBeGreaterThan(5);
    // Long-term, operators' and unactivated certificates are among them.
    expect(certificates.some((c) => c.validUntil === null)).toBe(true);
    expect(certificates.some((c) => c.holder.kind === 'OPERATOR')).toBe(true);
    expect(certificates.some((c) => c.activatedAt === null)).toBe(true);
    for (const expected of certificates) expect(await readCertificateState(t.deps.sql, expected.id)).toEqual(expected);
    expect(await readCertificateState(t.deps.sql, '0190a000-0000-7000-8000-0000000000ff')).toBeNull();
  });
});
