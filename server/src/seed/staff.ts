import type { PrismaClient } from '../generated/prisma/client';
import type { FieldCrypto } from '../lib/field-crypto';
import { hashPassword, TOTP_SECRET_COLUMN } from '../modules/staff';

/**
 * The DEMO authority staff account (embedded default only; production seeds none —
 * an administrator creates staff there). Its password and TOTP secret are published in
 * README.md ("Demo accounts") so a local user can add the secret to an authenticator app.
 */
export const demoStaff = {
  username: 'reviewer',
  password: 'RoadCert-Review-2026',
  /** base32, 20 bytes; otpauth://totp/RoadCert:reviewer?secret=…&issuer=RoadCert */
  totpSecret: 'ROADCERTDEMOREVIEWERTOTPSECRETKY',
  displayName: '演示审核员（广州市）',
  roles: ['REVIEWER'] as const,
  regionCode: '440100',
};

/** Seeds the demo staff account into a database that has no staff yet; returns whether it did. */
export async function seedDemoStaffOnce(prisma: PrismaClient, crypto: FieldCrypto): Promise<boolean> {
  if ((await prisma.staffUser.count()) > 0) return false;
  await prisma.staffUser.create({
    data: {
      username: demoStaff.username,
      displayName: demoStaff.displayName,
      passwordHash: await hashPassword(demoStaff.password),
      totpSecretEnc: crypto.encrypt(demoStaff.totpSecret, TOTP_SECRET_COLUMN),
      roles: [...demoStaff.roles],
      regionCode: demoStaff.regionCode,
    },
  });
  return true;
}
