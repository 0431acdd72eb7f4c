import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto, type FieldCrypto } from '../../lib/field-crypto';
import { demoHolders } from '../../seed/demo-holders';
import { startTestApp, type TestApp } from '../../test/app';
import { createAccountRepo } from './auth/accounts.repo';
import { createRealNameRepo } from './identity/real-name.repo';

/**
 * The account module's lookups while a blind-index rotation runs (docs/retention.md, "Key
 * rotation"): with a new current key and the old one still configured, real-name binding finds
 * the holder indexed under the old key, and signing in by phone finds the account indexed under
 * the old key instead of creating a second one; a new account is indexed under the new key.
 */
let t: TestApp;
let k1: FieldCrypto;
let rotated: FieldCrypto;
const wang = demoHolders.find((h) => h.kind === 'PERSON')!;

beforeAll(async () => {
  t = await startTestApp();
  k1 = t.deps.fieldCrypto;
  rotated = createFieldCrypto({
    encryptionKey: t.deps.keys.encryptionKey,
    blindIndexKey: t.deps.keys.blindIndexKey,
    blindIndexKeys: {
      current: 'b2',
      keys: new Map([
        ['b2', randomBytes(32)],
        ['k1', t.deps.keys.blindIndexKey],
      ]),
    },
  });
});
afterAll(() => t?.close());

describe('account lookups during a blind-index rotation', () => {
  it('real-name binding finds the holder indexed under the old key', async () => {
    const repo = createRealNameRepo(t.prisma);
    expect((await repo.findPersonByIdHash(rotated.blindIndexes(wang.identityCode, 'id-number')))?.name).toBe(wang.name);
    // Under the new key alone the old digest is not found: the lookup really uses both.
    expect(await repo.findPersonByIdHash([rotated.blindIndex(wang.identityCode, 'id-number')])).toBeUndefined();
  });

  it('phone sign-in finds the account indexed under the old key; a new phone is indexed under the new key', async () => {
    const accounts = createAccountRepo(t.prisma);
    const before = await accounts.findOrCreateByPhone(k1.sealPhone('13800138061'));
    const again = await accounts.findOrCreateByPhone(rotated.sealPhone('13800138061'));
    expect(again.id).toBe(before.id);
    expect(await t.prisma.account.count({ where: { phoneMasked: k1.sealPhone('13800138061').masked } })).toBe(1);
    const fresh = await accounts.findOrCreateByPhone(rotated.sealPhone('13800138062'));
    const row = await t.prisma.account.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(row.phoneHash).toMatch(/^b2\./);
    // Binding a phone another account holds under the old key is refused as taken.
    const other = await accounts.findOrCreateByPhone(rotated.sealPhone('13800138063'));
    expect(await accounts.bindPhone(other.id, rotated.sealPhone('13800138061'))).toBe('taken');
  });
});
