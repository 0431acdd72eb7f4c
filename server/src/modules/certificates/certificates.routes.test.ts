import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHolders } from '../../seed/demo-holders';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** An account bound by real name to a seeded person. */
const signIn = async (holderKey: string) => (await signInAccount(t, { holderKey })).token;

/** The operator's legal representative, bound by real name, after activating the operator. */
async function signInAsOperator() {
  const token = await signIn('operator-legal-rep');
  const [operator, legalRep] = (['operator', 'operator-legal-rep'] as const).map((key) =>
    demoHolders.find((h) => h.key === key)!,
  );
  const res = await t.api('/api/v1/operators/activate', {
    token,
    body: {
      creditCode: operator!.identityCode,
      legalRepName: legalRep!.name,
      legalRepIdNumber: legalRep!.identityCode,
    },
  });
  expect(res.status, res.text).toBe(200);
  return token;
}

describe('GET /api/v1/me/certificates', () => {
  it("lists a seeded driver's certificates with the ID number masked", async () => {
    const token = await signIn('driver-electronic');
    const res = await t.api('/api/v1/me/certificates', { token });
    expect(res.status).toBe(200);
    const driver = demoHolders.find((h) => h.key === 'driver-electronic')!;
    expect(res.json.items).toHaveLength(2);
    const [first, second] = res.json.items;
    expect(first).toMatchObject({
      typeCode: 'D071',
      typeName: expect.stringContaining('从业资格证'),
      carrier: 'ELECTRONIC',
      status: 'VALID',
      activated: true,
    });
    expect(second).toMatchObject({ carrier: 'PAPER', status: 'REPLACED' });
    expect(first.numberMasked).toBe(`${driver.identityCode.slice(0, 4)}**********${driver.identityCode.slice(-4)}`);
    expect(res.text).not.toContain(driver.identityCode);
    expect(res.text).not.toContain(driver.phone);
    expect(Object.keys(first).sort()).toEqual([
      'activated',
      'carrier',
      'id',
      'issuingAuthority',
      'numberMasked',
      'operatorName',
      'operatorRole',
      'plateNumber',
      'status',
      'typeCode',
      'typeName',
      'validFrom',
      'validUntil',
    ]);
    expect(first).toMatchObject({ operatorName: null, operatorRole: null });
  });

  it("lists an operator's licence and its vehicles' transport certificates with plates", async () => {
    const res = await t.api('/api/v1/me/certificates', { token: await signInAsOperator() });
    expect(res.status).toBe(200);
    const types = res.json.items.map((c: { typeCode: string }) => c.typeCode).sort();
    expect(types).toEqual(['D008', 'D013', 'D013', 'D013', 'D013', 'D013']);
    const plates = res.json.items
      .filter((c: { typeCode: string }) => c.typeCode === 'D013')
      .map((c: { plateNumber: string }) => c.plateNumber);
    expect(plates).toContain('粤AD12345');
    expect(new Set(res.json.items.map((c: { carrier: string }) => c.carrier))).toEqual(
      new Set(['ELECTRONIC', 'PAPER', 'IC_CARD']),
    );
  });

  it('shows each holder only their own certificates', async () => {
    const a = await t.api('/api/v1/me/certificates', { token: await signIn('driver-paper') });
    const b = await t.api('/api/v1/me/certificates', { token: await signIn('driver-ic') });
    const idsA = new Set(a.json.items.map((c: { id: string }) => c.id));
    expect(b.json.items.some((c: { id: string }) => idsA.has(c.id))).toBe(false);
  });
});

describe('GET /api/v1/me', () => {
  it('returns the holder with a masked name (no demo flag: there is no demo sign-in)', async () => {
    const res = await t.api('/api/v1/me', { token: await signIn('driver-mismatch') });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ holder: { kind: 'PERSON', nameMasked: '赵*' } });
    expect(res.json).not.toHaveProperty('kind');
    expect(res.json).not.toHaveProperty('demo');
  });
});
