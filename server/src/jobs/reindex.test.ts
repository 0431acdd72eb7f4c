import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindIndexKeyId, createFieldCrypto, type FieldCrypto } from '../lib/field-crypto';
import { fieldKeysFrom } from '../lib/key-material';
import { createStockModule, startImport } from '../modules/stock';
import { demoHolders } from '../seed/demo-holders';
import { startTestApp, type TestApp } from '../test/app';
import { reindexBlindIndexes } from './reindex';
import { blindIndexedColumns, createReindexRepo } from './reindex.repo';

/**
 * Blind-index key rotation, twice (k1 → b2 → b3), on the seeded database (docs/retention.md,
 * "Key rotation"): while a rotation runs, lookups find rows indexed under the old key and new
 * writes use the new one; the job recomputes every digest under the current key with the purpose
 * it was made with; then the old key can go and everything is still found.
 */
let t: TestApp;
let k1: FieldCrypto;
const b2Key = randomBytes(32);
const b3Key = randomBytes(32);
const wang = demoHolders.find((h) => h.kind === 'PERSON')!;
const phone = '13800138099';

beforeAll(async () => {
  t = await startTestApp();
  k1 = t.deps.fieldCrypto;
});
afterAll(() => t?.close());

const cryptoWith = (current: string, keys: Record<string, Buffer>) =>
  createFieldCrypto({
    encryptionKey: t.deps.keys.encryptionKey,
    blindIndexKey: t.deps.keys.blindIndexKey,
    blindIndexKeys: { current, keys: new Map(Object.entries(keys)) },
  });

/** Every digest of the job's columns, by table.column:id. */
async function digests() {
  const repo = createReindexRepo(t.deps.sql);
  const all = new Map<string, string>();
  for (const c of blindIndexedColumns)
    for (const row of await repo.page(c, null, 100_000)) all.set(`${c.table}.${c.hash}:${row.id}`, row.hash);
  return all;
}
/** The person holder with this ID, as the real-name lookup finds it (any of the digests). */
const personBy = (crypto: FieldCrypto, idNumber: string) =>
  t.prisma.holder.findFirst({
    where: { kind: 'PERSON', idNumberHash: { in: crypto.blindIndexes(idNumber, 'id-number') } },
  });
/** The account of this phone, as SMS sign-in finds it (any of the digests). */
const accountBy = (crypto: FieldCrypto, phoneNumber: string) =>
  t.prisma.account.findFirst({ where: { phoneHash: { in: crypto.blindIndexes(phoneNumber, 'phone') } } });
const keyIds = async () => new Set([...(await digests()).values()].map(blindIndexKeyId));
const total = (counts: Record<string, { rewritten: number; failed: number }>, field: 'rewritten' | 'failed') =>
  Object.values(counts).reduce((n, c) => n + c[field], 0);

describe('blind-index key rotation and the re-index job', () => {
  it('rotates k1 → b2 → b3: lookups find old digests meanwhile, the job rewrites them, the retired key can go', async () => {
    // An account with a phone and a stock key, indexed under k1 as before any rotation.
    const sealed = k1.sealPhone(phone);
    const account = await t.prisma.account.create({
      data: { phoneEnc: sealed.enc, phoneHash: sealed.hash, phoneMasked: sealed.masked },
    });
    const stocked = await t.prisma.certificate.findFirstOrThrow({ where: { typeCode: 'D071' } });
    const number = k1.decrypt(stocked.numberEnc, 'certificateNumber');
    await t.prisma.certificate.update({
      where: { id: stocked.id },
      data: { stockKey: k1.blindIndex(`D071:${number}`, 'stock-key') },
    });
    // A reminder SMS (its number copied from the account, sealed as 'phone') and a 退订 of it.
    await t.prisma.messageOutbox.create({
      data: {
        channel: 'SMS',
        dedupeKey: 'test:reindex',
        recipientEnc: sealed.enc,
        recipientHash: sealed.hash,
        templateCode: 'EXPIRY',
        provider: 'console',
      },
    });
    await t.prisma.messageOptOut.create({
      data: { recipientHash: sealed.hash, recipientEnc: k1.encrypt(phone, 'recipient'), source: 'SMS_UP' },
    });
    const before = await digests();
    expect(new Set([...before.keys()].map((k) => k.split(':')[0]))).toEqual(
      new Set([
        'Holder.idNumberHash',
        'Holder.phoneHash',
        'Holder.legalRepIdHash',
        'Holder.legalRepNameHash',
        'Certificate.numberHash',
        'Certificate.stockKey',
        'Account.phoneHash',
        'MessageOutbox.recipientHash',
        'MessageOptOut.recipientHash',
      ]),
    );
    expect(await keyIds()).toEqual(new Set(['k1']));

    // Rotation 1: b2 current, k1 still configured.
    const b2 = cryptoWith('b2', { b2: b2Key, k1: t.deps.keys.blindIndexKey });
    expect(b2.blindIndex(phone, 'phone')).toMatch(/^b2\.[A-Za-z0-9_-]{43}$/);
    expect(b2.blindIndexes(phone, 'phone')).toEqual([b2.blindIndex(phone, 'phone'), k1.blindIndex(phone, 'phone')]);
    // Lookups find the rows indexed under k1 (the modules' own lookups: account/blind-index-rotation.test.ts).
    expect((await personBy(b2, wang.identityCode))?.name).toBe(wang.name);
    expect((await accountBy(b2, phone))?.id).toBe(account.id);
    // Imports wait for the re-index (their ON CONFLICT keys are digests).
    const stock = createStockModule({ ...t.deps, fieldCrypto: b2 });
    await expect(
      startImport(stock, { fileName: 'a.csv', source: Readable.from(['x']), startedBy: null }),
    ).rejects.toMatchObject({ code: 'IMPORT_PAUSED' });

    // A 退订 made during the rotation is stored under both keys: it matches either digest.
    const other = '13800138098';
    await t.prisma.messageOptOut.createMany({
      data: b2.blindIndexes(other, 'phone').map((recipientHash) => ({
        recipientHash,
        recipientEnc: b2.encrypt(other, 'recipient'),
      })),
    });

    const first = await reindexBlindIndexes({ repo: createReindexRepo(t.deps.sql), fieldCrypto: b2 }, 3);
    // Every old digest, and the k1 twin of the rotation-time 退订 (deleted: its b2 row is there).
    expect(total(first, 'rewritten')).toBe(before.size + 1);
    expect(total(first, 'failed')).toBe(0);
    expect(await keyIds()).toEqual(new Set(['b2']));
    // Each digest is the same text under b2 with the purpose it had: looked up with b2 alone.
    const b2only = cryptoWith('b2', { b2: b2Key });
    expect((await personBy(b2only, wang.identityCode))?.name).toBe(wang.name);
    const after = await t.prisma.certificate.findUniqueOrThrow({ where: { id: stocked.id } });
    expect(after.stockKey).toBe(b2only.blindIndex(`D071:${number}`, 'stock-key'));
    expect(after.numberHash).toBe(b2only.blindIndex(number, 'id-number'));
    const operator = await t.prisma.holder.findFirstOrThrow({
      where: { kind: 'OPERATOR', legalRepNameHash: { not: null } },
    });
    const repName = b2only.decrypt(operator.legalRepNameEnc!, 'legalRepName');
    expect(operator.legalRepNameHash).toBe(b2only.personNameIndex(repName));
    const optOuts = (await t.prisma.messageOptOut.findMany()).map((o) => o.recipientHash).sort();
    expect(optOuts).toEqual([b2only.blindIndex(phone, 'phone'), b2only.blindIndex(other, 'phone')].sort());
    const sms = await t.prisma.messageOutbox.findUniqueOrThrow({ where: { dedupeKey: 'test:reindex' } });
    expect(sms.recipientHash).toBe(b2only.blindIndex(phone, 'phone'));
    expect(
      total(await reindexBlindIndexes({ repo: createReindexRepo(t.deps.sql), fieldCrypto: b2 }), 'rewritten'),
    ).toBe(0);

    // Rotation 2: b3 current, b2 kept, k1 retired; then b2 retired too.
    const b3 = cryptoWith('b3', { b3: b3Key, b2: b2Key });
    const second = await reindexBlindIndexes({ repo: createReindexRepo(t.deps.sql), fieldCrypto: b3 });
    expect([total(second, 'rewritten'), total(second, 'failed')]).toEqual([before.size + 1, 0]);
    expect(await keyIds()).toEqual(new Set(['b3']));
    const b3only = cryptoWith('b3', { b3: b3Key });
    expect((await accountBy(b3only, phone))?.id).toBe(account.id);
    expect((await personBy(b3only, wang.identityCode))?.name).toBe(wang.name);
  });

  it('a digest under a key no longer configured, or one that would duplicate another row, is counted and left', async () => {
    const orphanKey = cryptoWith('b9', { b9: randomBytes(32) });
    const holder = await t.prisma.holder.findFirstOrThrow({ where: { kind: 'PERSON', phoneHash: { not: null } } });
    const orphan = orphanKey.blindIndex('13800000000', 'phone');
    await t.prisma.holder.update({ where: { id: holder.id }, data: { phoneHash: orphan } });
    // Two accounts of one phone: one indexed under b3, one left under b2 by a rotation that
    // went wrong. Rewriting the second would break the unique index: counted, left for a person.
    const b2 = cryptoWith('b3', { b3: b3Key, b2: b2Key });
    const dup = await t.prisma.account.create({
      data: {
        phoneEnc: b2.encrypt('13800138077', 'phone'),
        phoneHash: b2.blindIndexUnder('b2', '13800138077', 'phone'),
      },
    });
    await t.prisma.account.create({
      data: { phoneEnc: b2.encrypt('13800138077', 'phone'), phoneHash: b2.blindIndex('13800138077', 'phone') },
    });
    const counts = await reindexBlindIndexes({ repo: createReindexRepo(t.deps.sql), fieldCrypto: b2 });
    expect(counts['Holder.phoneHash']!.failed).toBe(1);
    expect(counts['Account.phoneHash']).toEqual({ rewritten: 0, failed: 1 });
    expect((await t.prisma.holder.findUniqueOrThrow({ where: { id: holder.id } })).phoneHash).toBe(orphan);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: dup.id } })).phoneHash).toMatch(/^b2\./);
  });

  it('reads the rotation from configuration: BLIND_INDEX_KEYS first = current, BLIND_INDEX_KEY = k1; k1 alone keeps 64 hex digits', () => {
    const legacy = randomBytes(32).toString('base64');
    const keys = fieldKeysFrom(legacy, `b2:${randomBytes(32).toString('base64')}`, 'blind-index');
    expect([keys.current, [...keys.keys.keys()].sort()]).toEqual(['b2', ['b2', 'k1']]);
    const only = createFieldCrypto({ encryptionKey: randomBytes(32), blindIndexKey: Buffer.from(legacy, 'base64') });
    expect(only.blindIndex('13800138000', 'phone')).toMatch(/^[0-9a-f]{64}$/);
    expect(only.blindIndexes('13800138000', 'phone')).toHaveLength(1);
    expect(blindIndexKeyId(only.blindIndex('x', 'phone'))).toBe('k1');
  });
});
