import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { demo } from '../../test/identity-steps';

/** A draft's form holds the type's declared fields, the prefill keys and the kind's own: nothing else. */
let t: TestApp;
let token: string;
const certificateOf = async (key: Parameters<typeof demo>[0], carrier: 'PAPER' | 'IC_CARD' | 'ELECTRONIC') => {
  const holder = await t.prisma.holder.findUniqueOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo(key).identityCode, 'id-number') },
  });
  return t.prisma.certificate.findFirstOrThrow({ where: { holderId: holder.id, carrier, typeCode: 'D071' } });
};
const start = (body: unknown) => t.api('/api/v1/me/applications', { token, body });
const saveDraft = (id: string, formData: Record<string, unknown>) =>
  t.api(`/api/v1/me/applications/${id}/draft`, { token, method: 'PUT', body: { formData } });

beforeAll(async () => {
  t = await startTestApp();
  token = (await signInAccount(t, { holderKey: 'driver-paper' })).token;
});
afterAll(() => t?.close());

describe('PUT /me/applications/:id/draft: form keys', () => {
  let id: string;
  let prefilled: Record<string, unknown>;

  it('keeps the prefilled form (declared fields + prefill keys) as it is', async () => {
    const res = await start({
      typeCode: 'D071',
      kind: 'CONVERSION',
      baseCertificateId: (await certificateOf('driver-paper', 'PAPER')).id,
    });
    expect(res.status, res.text).toBe(201);
    id = res.json.id;
    prefilled = res.json.formData;
    expect(Object.keys(prefilled)).toEqual(
      expect.arrayContaining(['holderName', 'baseNumberMasked', 'licenceClasses']),
    );
    const saved = await saveDraft(id, { ...prefilled, licenceClasses: 'A1' });
    expect(saved.status, saved.text).toBe(200);
  });

  it('refuses constructor, toString, hasOwnProperty and any key the type does not declare; nothing is stored', async () => {
    const before = await t.prisma.application.findUniqueOrThrow({ where: { id } });
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'notAField', 'lossStatement']) {
      const res = await saveDraft(id, { ...prefilled, [key]: 'x' });
      expect([key, res.status, res.json.code]).toEqual([key, 400, 'VALIDATION_FAILED']);
      expect(res.json.fields).toEqual({ [`formData.${key}`]: '该证照类型没有此项' });
    }
    const after = await t.prisma.application.findUniqueOrThrow({ where: { id } });
    expect([after.revision, after.formData]).toEqual([before.revision, before.formData]);
  });

  it('__proto__ stays refused as malformed JSON', async () => {
    const res = await t.api(`/api/v1/me/applications/${id}/draft`, {
      token,
      method: 'PUT',
      rawBody: '{"formData":{"__proto__":{"holderName":"x"}}}',
    });
    expect([res.status, res.json.code]).toEqual([400, 'MALFORMED_JSON']);
  });

  it('a kind’s own field is declared for that kind: 补发 takes lossStatement', async () => {
    // 补发 is for a lost paper or IC card (an electronic certificate is never lost).
    const wang = (await signInAccount(t, { holderKey: 'driver-ic' })).token;
    const card = await certificateOf('driver-ic', 'IC_CARD');
    const reissue = await t.api('/api/v1/me/applications', {
      token: wang,
      body: { typeCode: 'D071', kind: 'REISSUE', baseCertificateId: card.id },
    });
    expect(reissue.status, reissue.text).toBe(201);
    const saved = await t.api(`/api/v1/me/applications/${reissue.json.id}/draft`, {
      token: wang,
      method: 'PUT',
      body: { formData: { ...reissue.json.formData, lossStatement: '2026年11月在广州市白云区遗失' } },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.formData.lossStatement).toBe('2026年11月在广州市白云区遗失');
  });
});
