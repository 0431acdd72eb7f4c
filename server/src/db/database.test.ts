import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseCertificateIdentifier,
  validateCitizenId,
  validateSocialCreditCode,
  getCertificateType,
} from '@roadcert/shared';
import { demoHolders } from '../seed/demo-holders';
import { seedDemoDataOnce } from '../seed/seed';
import { startTestApp, type TestApp } from '../test/app';
import { applyMigrations, migrationsDir } from './migrate';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('migrations', () => {
  it('are recorded in _prisma_migrations with sha256 checksums, and a second run applies nothing', async () => {
    const rows = await t.prisma.$queryRaw<
      { migration_name: string; checksum: string }[]
    >`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    const committed = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(committed.slice(0, 2)).toEqual(['20261127080000_init', '20261127080100_audit_append_only']);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it('re-running on a migrated PostgreSQL database is a no-op', async () => {
    if (!process.env.TEST_DATABASE_URL) return; // the PGlite socket serves one connection, held by the app
    const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1 });
    try {
      expect(await applyMigrations(pool)).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});

describe('audit log', () => {
  it('refuses UPDATE and DELETE at the database level', async () => {
    const row = await t.prisma.auditLog.create({
      data: {
        actorKind: 'SYSTEM',
        action: 'test.append',
        outcome: 'OK',
        prevHash: '0'.repeat(64),
        hash: 'a'.repeat(64),
      },
    });
    await expect(t.prisma.auditLog.update({ where: { seq: row.seq }, data: { outcome: 'DENIED' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(t.prisma.auditLog.delete({ where: { seq: row.seq } })).rejects.toThrow(/append-only/);
    expect(await t.prisma.auditLog.count({ where: { seq: row.seq } })).toBe(1);
  });
});

describe('personal data at rest', () => {
  it('stores ID and phone numbers only as ciphertext, blind index and masked copy', async () => {
    const driver = demoHolders[0];
    const holder = await t.prisma.holder.findUniqueOrThrow({
      where: { idNumberHash: t.deps.fieldCrypto.blindIndex(driver.identityCode, 'id-number') },
    });
    expect(Buffer.from(holder.idNumberEnc!).toString('latin1')).not.toContain(driver.identityCode);
    expect(Buffer.from(holder.phoneEnc!).toString('latin1')).not.toContain(driver.phone);
    expect(t.deps.fieldCrypto.decrypt(holder.idNumberEnc!, 'idNumber')).toBe(driver.identityCode);
    expect(holder.phoneMasked).toBe(`${driver.phone.slice(0, 3)}****${driver.phone.slice(-4)}`);
    const dump = JSON.stringify(await t.prisma.$queryRaw`SELECT * FROM "Holder"`, (_k, v) =>
      typeof v === 'bigint' ? String(v) : v,
    );
    for (const h of demoHolders) {
      if (h.kind === 'PERSON') expect(dump).not.toContain(h.identityCode);
      expect(dump).not.toContain(h.phone);
    }
  });
});

describe('demo seed', () => {
  it('lists every seeded person in README.md "Demo identities" with phone, name and ID number', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Demo identities'), readme.indexOf('## Demo accounts'));
    for (const h of demoHolders.filter((d) => d.kind === 'PERSON')) {
      expect(section, h.key).toMatch(new RegExp(`\\| \`${h.phone}\` \\| ${h.name} \\| \`${h.identityCode}\` \\|`));
    }
    expect(section).toContain(demoHolders.find((d) => d.key === 'operator')!.identityCode);
  });

  it('is seeded once: a second call changes nothing', async () => {
    const before = await t.prisma.certificate.count();
    expect(await seedDemoDataOnce(t.prisma, t.deps.fieldCrypto)).toBeNull();
    expect(await t.prisma.certificate.count()).toBe(before);
  });

  it('carries valid check characters throughout', async () => {
    for (const h of demoHolders) {
      const result = h.kind === 'PERSON' ? validateCitizenId(h.identityCode) : validateSocialCreditCode(h.identityCode);
      expect(result.ok, `${h.key}`).toBe(true);
    }
    const certs = await t.prisma.certificate.findMany();
    const electronic = certs.filter((c) => c.carrier === 'ELECTRONIC');
    expect(electronic.length).toBeGreaterThanOrEqual(4);
    for (const c of electronic) {
      const parsed = parseCertificateIdentifier(c.identifier!);
      expect(parsed.ok, c.identifier!).toBe(true);
      if (parsed.ok) expect(parsed.value.typeCode).toBe(getCertificateType(c.typeCode)!.typeCode);
    }
    for (const c of certs) expect(validateSocialCreditCode(c.issuingAuthorityCode).ok).toBe(true);
    expect(certs.filter((c) => c.carrier === 'PAPER' && c.status === 'REPLACED' && c.replacedById)).toHaveLength(1);
  });
});

describe('connection after a failed statement', () => {
  it('keeps working (pg-pool replaces the client; PGlite must admit the replacement)', async () => {
    await expect(t.prisma.$queryRawUnsafe('SELECT 1/0')).rejects.toThrow(/division by zero/);
    await expect(t.prisma.$queryRawUnsafe('SELECT 2 AS x')).resolves.toEqual([{ x: 2 }]);
  });
});
