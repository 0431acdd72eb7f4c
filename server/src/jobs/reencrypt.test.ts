import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto, sealedKeyId, type FieldCrypto } from '../lib/field-crypto';
import { fieldKeysFrom } from '../lib/key-material';
import { startTestApp, type TestApp } from '../test/app';
import { reencryptFields, sealClearFields } from './reencrypt';
import { createClearFieldsRepo, createReencryptRepo, encryptedColumns } from './reencrypt.repo';

/**
 * Field-key rotation, twice (k1 → k2 → k3), on the seeded database (docs/retention.md, "Key
 * rotation"): after each rotation the old values still read, new writes use the new key, the
 * job rewrites every old value to the same plaintext, and the retired key can then go.
 */
let t: TestApp;
let k1: FieldCrypto;
const k2Key = randomBytes(32);
const k3Key = randomBytes(32);

beforeAll(async () => {
  t = await startTestApp();
  k1 = t.deps.fieldCrypto;
});
afterAll(() => t?.close());

const cryptoWith = (current: string, keys: Record<string, Buffer>) =>
  createFieldCrypto({
    encryptionKey: keys[current]!,
    blindIndexKey: t.deps.keys.blindIndexKey,
    fieldKeys: { current, keys: new Map(Object.entries(keys)) },
  });

/** Every encrypted value in the database, by table.column:id. */
async function values() {
  const repo = createReencryptRepo(t.deps.sql);
  const all = new Map<string, { value: Buffer; aad: string }>();
  for (const c of encryptedColumns)
    for (const row of await repo.page(c, null, 100_000))
      all.set(`${c.table}.${c.column}:${row.id}`, { value: row.value, aad: c.aad });
  return all;
}

async function plaintexts(crypto: FieldCrypto) {
  const out = new Map<string, string>();
  for (const [key, { value, aad }] of await values()) out.set(key, crypto.decrypt(value, aad));
  return out;
}

const keyIds = async () => new Set([...(await values()).values()].map((v) => sealedKeyId(v.value).kid));

describe('field-key rotation and the keys.reencrypt job', () => {
  it('rotates k1 → k2 → k3: old values read, the job rewrites them, the retired key can go', async () => {
    const before = await plaintexts(k1);
    // Holders, certificates, accounts, staff TOTP secrets and console SMS rows are all there.
    expect(new Set([...before.keys()].map((k) => k.split(':')[0]))).toEqual(
      new Set([
        'Holder.idNumberEnc',
        'Holder.phoneEnc',
        'Holder.legalRepIdEnc',
        'Holder.legalRepNameEnc',
        'Holder.birthDateEnc',
        'Holder.addressEnc',
        'Certificate.numberEnc',
        'StaffUser.totpSecretEnc',
      ]),
    );
    expect(await keyIds()).toEqual(new Set(['k1']));

    // Rotation 1: k2 current, k1 still configured.
    const k2 = cryptoWith('k2', { k2: k2Key, k1: t.deps.keys.encryptionKey });
    expect(await plaintexts(k2)).toEqual(before);
    const fresh = k2.sealIdNumber('11010519491231002X');
    expect(sealedKeyId(fresh.enc).kid).toBe('k2');
    // The blind index is its own key: lookups are unchanged by a field-key rotation.
    expect(fresh.hash).toBe(k1.sealIdNumber('11010519491231002X').hash);
    const holder = await t.prisma.holder.findFirstOrThrow({ where: { kind: 'PERSON' } });
    await t.prisma.holder.update({ where: { id: holder.id }, data: { phoneEnc: k2.encrypt('13900000000', 'phone') } });
    before.set(`Holder.phoneEnc:${holder.id}`, '13900000000');

    const first = await reencryptFields({ repo: createReencryptRepo(t.deps.sql), fieldCrypto: k2 }, 3);
    const rewritten = Object.values(first).reduce((n, c) => n + c.rewritten, 0);
    expect(rewritten).toBe(before.size - 1); // all but the value already under k2
    expect(Object.values(first).every((c) => c.failed === 0)).toBe(true);
    expect(await keyIds()).toEqual(new Set(['k2']));
    expect(await plaintexts(k2)).toEqual(before);
    // A second run finds nothing to do.
    const again = await reencryptFields({ repo: createReencryptRepo(t.deps.sql), fieldCrypto: k2 });
    expect(Object.values(again).reduce((n, c) => n + c.rewritten, 0)).toBe(0);

    // Rotation 2: k3 current, k2 kept, k1 retired.
    const k3 = cryptoWith('k3', { k3: k3Key, k2: k2Key });
    expect(await plaintexts(k3)).toEqual(before);
    await reencryptFields({ repo: createReencryptRepo(t.deps.sql), fieldCrypto: k3 });
    expect(await keyIds()).toEqual(new Set(['k3']));
    // k2 retired too: everything still reads.
    expect(await plaintexts(cryptoWith('k3', { k3: k3Key }))).toEqual(before);
  });

  it('a value under a key no longer configured is counted as failed and left as it is, never thrown', async () => {
    const certificate = await t.prisma.certificate.findFirstOrThrow();
    const orphan = cryptoWith('k9', { k9: randomBytes(32) }).encrypt('粤交运管测试字000001号', 'certificateNumber');
    await t.prisma.certificate.update({ where: { id: certificate.id }, data: { numberEnc: orphan } });
    const k3only = cryptoWith('k3', { k3: k3Key });
    const counts = await reencryptFields({ repo: createReencryptRepo(t.deps.sql), fieldCrypto: k3only });
    expect(counts['Certificate.numberEnc']!.failed).toBe(1);
    const after = await t.prisma.certificate.findUniqueOrThrow({ where: { id: certificate.id } });
    expect(Buffer.from(after.numberEnc).equals(Buffer.from(orphan))).toBe(true);
  });

  it('reads the rotation from configuration: FIELD_ENCRYPTION_KEYS first = current, FIELD_ENCRYPTION_KEY = k1', () => {
    const legacy = randomBytes(32).toString('base64');
    const next = randomBytes(32).toString('base64');
    const keys = fieldKeysFrom(legacy, `k2:${next}`);
    expect(keys.current).toBe('k2');
    expect([...keys.keys.keys()].sort()).toEqual(['k1', 'k2']);
    expect(fieldKeysFrom(legacy).current).toBe('k1');
    // Only k1: values keep the version-1 format, byte layout unchanged (1 + 12 + 16 + body).
    const only = createFieldCrypto({ encryptionKey: Buffer.from(legacy, 'base64'), blindIndexKey: randomBytes(32) });
    expect(only.encrypt('x', 'c')[0]).toBe(1);
    expect(only.encrypt('x', 'c').length).toBe(30);
  });

  it('seals the legacy clear copies of birth date, address and the legal representative’s name, and clears them', async () => {
    // The seed writes the sealed columns only: nothing in clear.
    expect(
      await t.prisma.holder.count({
        where: { OR: [{ birthDate: { not: null } }, { address: { not: null } }, { legalRepName: { not: null } }] },
      }),
    ).toBe(0);
    // A row as an older version wrote it.
    const operator = await t.prisma.holder.findFirstOrThrow({ where: { kind: 'OPERATOR' } });
    await t.prisma.holder.update({
      where: { id: operator.id },
      data: {
        legalRepName: '黄建国',
        legalRepNameEnc: null,
        legalRepNameHash: null,
        address: '广州市白云区太和镇',
        birthDate: new Date('1970-03-15T00:00:00Z'),
      },
    });
    const crypto = t.deps.fieldCrypto;
    const sealed = await sealClearFields({ repo: createClearFieldsRepo(t.deps.sql), fieldCrypto: crypto }, 2);
    expect(sealed).toBe(1);
    const after = await t.prisma.holder.findUniqueOrThrow({ where: { id: operator.id } });
    expect([after.legalRepName, after.address, after.birthDate]).toEqual([null, null, null]);
    expect(crypto.decrypt(after.legalRepNameEnc!, 'legalRepName')).toBe('黄建国');
    expect(after.legalRepNameHash).toBe(crypto.personNameIndex('黄建国'));
    expect(crypto.decrypt(after.addressEnc!, 'address')).toBe('广州市白云区太和镇');
    expect(crypto.decrypt(after.birthDateEnc!, 'birthDate')).toBe('1970-03-15');
    expect(await sealClearFields({ repo: createClearFieldsRepo(t.deps.sql), fieldCrypto: crypto })).toBe(0);
  });
});
