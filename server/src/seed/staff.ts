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

/**
 * The DEMO data steward (数据治理, whole province): imports stock, starts batch checks, sees
 * the province's compliance dashboard. Published in README.md like the reviewer.
 */
export const demoSteward = {
  username: 'steward',
  password: 'RoadCert-Steward-2026',
  totpSecret: 'ROADCERTDEMOSTEWARDTOTPSECRETKEY',
  displayName: '演示数据治理员（广东省）',
  roles: ['DATA_STEWARD', 'REVIEWER'] as const,
  regionCode: '440000',
};

/**
 * Seeds the demo staff accounts missing from the database (the reviewer into a database
 * with no staff at all; the steward whenever the reviewer exists and the steward not yet);
 * returns whether it created any.
 */
export async function seedDemoStaffOnce(prisma: PrismaClient, crypto: FieldCrypto): Promise<boolean> {
  const count = await prisma.staffUser.count();
  const reviewerSeeded = count > 0 && (await prisma.staffUser.count({ where: { username: demoStaff.username } })) > 0;
  if (count > 0 && !reviewerSeeded) return false; // production-like staff: never add demo accounts
  let created = false;
  for (const who of count === 0 ? [demoStaff, demoSteward] : [demoSteward]) {
    if ((await prisma.staffUser.count({ where: { username: who.username } })) > 0) continue;
    await prisma.staffUser.create({
      data: {
        username: who.username,
        displayName: who.displayName,
        passwordHash: await hashPassword(who.password),
        totpSecretEnc: crypto.encrypt(who.totpSecret, TOTP_SECRET_COLUMN),
        roles: [...who.roles],
        regionCode: who.regionCode,
      },
    });
    created = true;
  }
  return created;
}
