import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../modules/staff';
import { startTestApp, type TestApp } from '../test/app';
import { AdminUsageError, runAdmin } from './admin-commands';
import { createAdminRepo } from './admin.repo';

/**
 * The admin command on a database with nothing seeded (production): it creates the first
 * ADMIN, whose printed password and TOTP enrolment sign in through the real portal API;
 * resets a lockout; lists and revokes staff sessions. Every change is audited.
 */
describe('npm run admin', () => {
  let t: TestApp;
  let lines: string[];
  const admin = (...argv: string[]) => {
    lines = [];
    return runAdmin(argv, {
      admin: createAdminRepo(t.prisma),
      fieldCrypto: t.deps.fieldCrypto,
      audit: t.deps.audit,
      out: (line) => lines.push(line),
    });
  };
  let password = '';
  let secret = '';

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('create-staff: the first ADMIN, password and TOTP enrolment (URI + terminal QR) printed once', async () => {
    expect(await t.prisma.staffUser.count()).toBe(0);
    expect(
      await admin('create-staff', '--username', 'Chief', '--name', '管理员', '--roles', 'admin', '--region', '44'),
    ).toBe(0);
    password = /初始密码（仅显示这一次）: (\S+)/.exec(lines.join('\n'))![1]!;
    const uri = lines.find((l) => l.startsWith('otpauth://totp/'))!;
    secret = new URL(uri).searchParams.get('secret')!;
    expect(password).toHaveLength(24);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(lines.some((l) => l.includes('▀') || l.includes('█') || l.includes('▄'))).toBe(true); // the QR
    const row = await t.prisma.staffUser.findUniqueOrThrow({ where: { username: 'chief' } });
    expect(row).toMatchObject({ roles: ['ADMIN'], regionCode: '44' });
    expect(row.passwordHash).not.toContain(password);
    expect(Buffer.from(row.totpSecretEnc!).toString('latin1')).not.toContain(secret);
    expect(await t.prisma.auditLog.count({ where: { action: 'staff.admin_create', subjectId: row.id } })).toBe(1);
  });

  it('the printed password and a code from the enrolled secret sign in to the portal', async () => {
    const step1 = await t.api('/api/v1/staff/auth/login', { body: { username: 'chief', password } });
    expect(step1.status).toBe(200);
    const code = hotp(base32Decode(secret), totpStep(new Date()));
    const step2 = await t.api('/api/v1/staff/auth/verify', { body: { challengeId: step1.json.challengeId, code } });
    expect(step2.status).toBe(200);
    expect(step2.json.staff.roles).toEqual(['ADMIN']);
  });

  it('list-sessions shows the staff session (no token material); revoke-session ends it', async () => {
    expect(await admin('list-sessions', '--username', 'chief')).toBe(0);
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(1);
    const [id, username, platform] = rows[0]!.split('\t');
    expect([username, platform]).toEqual(['chief', 'h5']);
    expect(await admin('revoke-session', '--id', id!)).toBe(0);
    expect(await admin('list-sessions')).toBe(0);
    expect(lines.slice(1, -1)).toHaveLength(0);
    expect(await admin('list-sessions', '--all')).toBe(0);
    expect(lines.slice(1, -1)).toHaveLength(1);
  });

  it('reset-lockout clears a lock and the failure count', async () => {
    await t.prisma.staffUser.update({
      where: { username: 'chief' },
      data: { failedAttempts: 3, lockedUntil: new Date(Date.now() + 900_000) },
    });
    const locked = await t.api('/api/v1/staff/auth/login', { body: { username: 'chief', password } });
    expect(locked.status).not.toBe(200);
    expect(await admin('reset-lockout', '--username', 'chief')).toBe(0);
    expect(await t.prisma.staffUser.findUniqueOrThrow({ where: { username: 'chief' } })).toMatchObject({
      failedAttempts: 0,
      lockedUntil: null,
    });
    expect((await t.api('/api/v1/staff/auth/login', { body: { username: 'chief', password } })).status).toBe(200);
  });

  it('bad input is a clear usage error (Chinese), and changes nothing', async () => {
    const before = await t.prisma.staffUser.count();
    await expect(
      admin('create-staff', '--username', 'chief', '--name', 'x', '--roles', 'ADMIN', '--region', '44'),
    ).rejects.toThrow(/已存在/);
    await expect(
      admin('create-staff', '--username', 'ok', '--name', 'x', '--roles', 'ROOT', '--region', '44'),
    ).rejects.toThrow(AdminUsageError);
    await expect(
      admin('create-staff', '--username', 'ok2', '--name', 'x', '--roles', 'ADMIN', '--region', '4'),
    ).rejects.toThrow(/行政区划/);
    await expect(admin('reset-lockout', '--username', 'nobody')).rejects.toThrow(/没有用户名/);
    await expect(admin('frobnicate')).rejects.toThrow(/未知命令/);
    expect(await t.prisma.staffUser.count()).toBe(before);
  });
});
