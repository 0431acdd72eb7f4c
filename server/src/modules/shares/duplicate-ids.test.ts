import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { demo } from '../../test/identity-steps';

/** A share names each certificate once: repeats are refused, not stored 50 times. */
let t: TestApp;
let token: string;
let certificateId: string;

beforeAll(async () => {
  t = await startTestApp();
  token = (await signInAccount(t, { holderKey: 'driver-electronic' })).token;
  const holder = await t.prisma.holder.findUniqueOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo('driver-electronic').identityCode, 'id-number') },
  });
  certificateId = (
    await t.prisma.certificate.findFirstOrThrow({ where: { holderId: holder.id, carrier: 'ELECTRONIC' } })
  ).id;
});
afterAll(() => t?.close());

const create = (certificateIds: string[]) =>
  t.api('/api/v1/me/shares', {
    token,
    body: {
      certificateIds,
      purposeCode: 'RECRUITMENT',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });

describe('POST /me/shares: repeated certificate ids', () => {
  it('50 copies of one id: 400 VALIDATION_FAILED naming the first repeat; no share is created', async () => {
    const before = await t.prisma.share.count();
    const res = await create(Array.from({ length: 50 }, () => certificateId));
    expect([res.status, res.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.json.fields).toEqual({ 'certificateIds.1': '同一张证照只能选择一次' });
    expect(await t.prisma.share.count()).toBe(before);
  });

  it('the same id in upper and lower case is a repeat too', async () => {
    const res = await create([certificateId, certificateId.toUpperCase()]);
    expect([res.status, res.json.fields]).toEqual([400, { 'certificateIds.1': '同一张证照只能选择一次' }]);
  });

  it('one copy still makes a share (an upper-case id is read as the same id)', async () => {
    const res = await create([certificateId.toUpperCase()]);
    expect(res.status, res.text).toBe(201);
    expect(res.json.share.certificates.map((c: { id: string }) => c.id)).toEqual([certificateId]);
  });
});
