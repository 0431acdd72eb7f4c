import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificateExtension, getCertificateType } from '@roadcert/shared';
import { startTestApp, type TestApp } from '../../test/app';

/**
 * The demo data speaks the registry's language: every extension key a seeded certificate
 * carries is declared by its type and every value passes that field's validator. (Missing
 * required fields are allowed: some records are incomplete on purpose.)
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('seeded certificate extensions', () => {
  it('use only declared keys, with values the registry validators accept', async () => {
    const certificates = await t.prisma.certificate.findMany({
      select: { typeCode: true, extension: true, numberMasked: true },
    });
    expect(certificates.length).toBeGreaterThanOrEqual(14);
    const problems = certificates
      .map((c) => ({
        type: c.typeCode,
        number: c.numberMasked,
        problems: checkCertificateExtension(c.typeCode, c.extension as Record<string, unknown>),
      }))
      .filter((c) => Object.keys(c.problems).length > 0);
    expect(problems).toEqual([]);
  });

  it('fill the required fields except where a record is incomplete on purpose', async () => {
    const certificates = await t.prisma.certificate.findMany({
      select: { typeCode: true, extension: true, carrier: true },
    });
    const missing = certificates.map((c) => {
      const extension = c.extension as Record<string, unknown>;
      return `${c.typeCode}:${c.carrier}:${getCertificateType(c.typeCode)!
        .fields.filter((f) => f.required && extension[f.key] === undefined)
        .map((f) => f.key)
        .join(',')}`;
    });
    // The IC-card vehicle (no 吨位/尺寸) is the completeness demo among the registry's required
    // fields; 刘洋's missing 准驾车型 is a compliance rule's (RE.licence-class-required).
    expect(missing.filter((m) => !m.endsWith(':')).sort()).toEqual(['D013:IC_CARD:capacity,dimensions']);
  });
});
