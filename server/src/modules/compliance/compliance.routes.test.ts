import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday, getCertificateType, type ComplianceRates } from '@roadcert/shared';
import { signInDemoHolder, staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { demoHolders } from '../../seed/demo-holders';
import { canonicalDataOf, verifyCanonical } from '../certificates';
import * as fixtures from '../../test/photo-fixtures';

let t: TestApp;
let reviewer: string;
let steward: string;

beforeAll(async () => {
  t = await startTestApp();
  reviewer = await staffSessionToken(t, 'reviewer');
  steward = await staffSessionToken(t, 'steward');
});
afterAll(() => t?.close());

const signInAs = (holderKey: string) => signInDemoHolder(t, holderKey);

const holderOf = (key: string) => {
  const demo = demoHolders.find((h) => h.key === key)!;
  return t.prisma.holder.findFirstOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo.identityCode, 'id-number') },
  });
};

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json as Record<string, unknown> & { items?: Record<string, unknown>[] }, res };
}

async function uploadEvidence(token: string) {
  const form = new FormData();
  form.set('purpose', 'EVIDENCE');
  form.set('file', new Blob([await fixtures.phonePortraitJpeg()], { type: 'image/jpeg' }), 'licence.jpg');
  const res = await fetch(`${t.baseUrl}/api/v1/me/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { photo: { id: string } }).photo.id;
}

const rates = async (token: string, query = '') =>
  (await call(token, 'GET', `/api/v1/staff/compliance/rates${query}`)).body as unknown as ComplianceRates;

describe('the compliance loop (缺失数据补传)', () => {
  it('the first-start check opened 刘洋’s task for the missing 准驾车型, with what to supply', async () => {
    const liu = await signInAs('driver-missing-data');
    const list = await call(liu.token, 'GET', '/api/v1/me/completion-tasks');
    expect(list.status).toBe(200);
    const task = list.body.items!.find((i) => i.ruleId === 'RE.licence-class-required')!;
    expect(task).toMatchObject({
      field: 'licenceClasses',
      fieldLabel: '准驾车型',
      severity: 'blocking',
      fixableBy: 'holder',
      state: 'OPEN',
      canSupply: true,
      input: { fieldKey: 'licenceClasses', evidence: 'required', currentValue: null },
    });
    expect(list.body.actionable).toBeGreaterThanOrEqual(1);
  });

  it('赵磊’s licence class that does not fit his passenger qualification is a task too', async () => {
    const zhao = await signInAs('driver-mismatch');
    const list = await call(zhao.token, 'GET', '/api/v1/me/completion-tasks');
    const task = list.body.items!.find((i) => i.ruleId === 'RE.licence-class-matches-category');
    expect(task).toMatchObject({ field: 'licenceClasses', state: 'OPEN', input: { currentValue: 'B2' } });
  });

  it('another holder’s task is a 404 on record, and a non-UUID id too', async () => {
    const liu = await signInAs('driver-missing-data');
    const wang = await signInAs('driver-electronic');
    const task = (await call(liu.token, 'GET', '/api/v1/me/completion-tasks')).body.items![0]!;
    for (const path of [`/api/v1/me/completion-tasks/${String(task.id)}`, '/api/v1/me/completion-tasks/not-an-id'])
      expect((await call(wang.token, 'GET', path)).status).toBe(404);
    const supply = await call(wang.token, 'POST', `/api/v1/me/completion-tasks/${String(task.id)}/supply`, {
      value: 'A2',
    });
    expect(supply.status).toBe(404);
    const denied = await t.prisma.auditLog.count({
      where: { action: 'completion_task.access_denied', subjectId: String(task.id) },
    });
    expect(denied).toBeGreaterThanOrEqual(2);
    expect((await t.prisma.completionTask.findUniqueOrThrow({ where: { id: String(task.id) } })).state).toBe('OPEN');
  });

  it('refuses a bad value, a missing photo, and changes nothing', async () => {
    const liu = await signInAs('driver-missing-data');
    const task = (await call(liu.token, 'GET', '/api/v1/me/completion-tasks')).body.items!.find(
      (i) => i.ruleId === 'RE.licence-class-required',
    )!;
    const path = `/api/v1/me/completion-tasks/${String(task.id)}/supply`;
    const bad = await call(liu.token, 'POST', path, { value: 'Z9' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((bad.body.fields as Record<string, string>).value).toMatch(/准驾车型/);
    const noPhoto = await call(liu.token, 'POST', path, { value: 'A2' });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.code).toBe('EVIDENCE_REQUIRED');
    const empty = await call(liu.token, 'POST', path, { value: '' });
    expect(empty.status).toBe(400);
    expect((await t.prisma.completionTask.findUniqueOrThrow({ where: { id: String(task.id) } })).state).toBe('OPEN');
  });

  it('刘洋 supplies A2 with a photo; the steward returns it, he supplies again, the steward accepts; the rate rises', async () => {
    const liu = await signInAs('driver-missing-data');
    const holder = await holderOf('driver-missing-data');
    const task = (await call(liu.token, 'GET', '/api/v1/me/completion-tasks')).body.items!.find(
      (i) => i.ruleId === 'RE.licence-class-required',
    )!;
    const photoId = await uploadEvidence(liu.token);
    const path = `/api/v1/me/completion-tasks/${String(task.id)}/supply`;
    const supplied = await call(liu.token, 'POST', path, { value: 'a2', evidencePhotoId: photoId });
    expect(supplied.status).toBe(200);
    expect(supplied.body).toMatchObject({ state: 'SUBMITTED', suppliedValue: 'A2', canSupply: false });
    expect((await call(liu.token, 'POST', path, { value: 'A2', evidencePhotoId: photoId })).body.code).toBe(
      'TASK_STATE_INVALID',
    );

    // The reviewer of 440100 sees it in the supplements queue, with the diff and the evidence.
    const queue = await call(reviewer, 'GET', '/api/v1/staff/completion-tasks?queue=supplements');
    const item = queue.body.items!.find((i) => i.id === task.id)!;
    expect(item).toMatchObject({ holderName: '刘*', diff: { label: '准驾车型', before: null, after: 'A2' } });
    expect(String(item.evidenceUrl)).toMatch(/^http/);

    const returned = await call(steward, 'POST', `/api/v1/staff/completion-tasks/${String(task.id)}/return`, {
      reason: '照片不清晰，请重新拍摄',
    });
    expect(returned.body).toMatchObject({ state: 'REJECTED', returnReason: '照片不清晰，请重新拍摄' });
    const again = await call(liu.token, 'POST', path, { value: 'A2', evidencePhotoId: photoId });
    expect(again.body).toMatchObject({ state: 'SUBMITTED', returnReason: null });

    const before = await rates(steward);
    const cert = await t.prisma.certificate.findFirstOrThrow({ where: { holderId: holder.id } });
    const accepted = await call(steward, 'POST', `/api/v1/staff/completion-tasks/${String(task.id)}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('CONFIRMED');
    // The reviewer's "before" stays what the certificate said at the supplement, after acceptance too.
    expect(accepted.body.diff).toEqual({ label: '准驾车型', before: null, after: 'A2' });

    const updated = await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect((updated.extension as Record<string, unknown>).licenceClasses).toBe('A2');
    expect(updated.version).toBe(cert.version + 1);
    expect(
      await t.prisma.certificateEvent.count({ where: { certificateId: cert.id, kind: 'DATA_SUPPLEMENTED' } }),
    ).toBe(1);
    const outbox = await t.prisma.aggregationOutbox.findFirstOrThrow({
      where: { certificateId: cert.id, event: 'CHANGED' },
    });
    expect(JSON.stringify(outbox.payload)).not.toContain(
      demoHolders.find((h) => h.key === 'driver-missing-data')!.identityCode,
    );
    // Rechecked: no open blocking task left on the certificate → it counts as compliant now.
    const open = await t.prisma.completionTask.count({
      where: { certificateId: cert.id, severity: 'blocking', state: { in: ['OPEN', 'SUBMITTED', 'REJECTED'] } },
    });
    expect(open).toBe(0);
    const after = await rates(steward);
    expect(after.total).toBe(before.total);
    expect(after.compliant).toBe(before.compliant + 1);
    expect(
      await t.prisma.auditLog.count({ where: { subjectId: String(task.id), action: 'completion_task.accepted' } }),
    ).toBe(1);
  });

  it('accepting on an electronic certificate bumps the identifier version and re-signs it', async () => {
    const holder = await holderOf('driver-electronic');
    const cert = await t.prisma.certificate.findFirstOrThrow({ where: { holderId: holder.id, carrier: 'ELECTRONIC' } });
    // A supplement submitted directly (the route flow is covered above): missing first-issue date.
    const task = await t.prisma.completionTask.create({
      data: {
        certificateId: cert.id,
        holderId: holder.id,
        ruleCode: 'test.first-issued',
        field: 'firstIssuedDate',
        message: '缺少初领日期',
        severity: 'warning',
        fixableBy: 'holder',
        typeCode: cert.typeCode,
        areaCode: cert.areaCode,
        state: 'SUBMITTED',
        suppliedValue: '2010-01-02',
      },
    });
    const res = await call(steward, 'POST', `/api/v1/staff/completion-tasks/${task.id}/accept`);
    expect(res.status).toBe(200);
    const updated = await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(updated.version).toBe(cert.version + 1);
    expect(updated.identifier).not.toBe(cert.identifier);
    expect(updated.presentationEpoch).toBe(cert.presentationEpoch + 1);
    const outbox = await t.prisma.aggregationOutbox.findFirstOrThrow({
      where: { certificateId: cert.id, event: 'CHANGED' },
      orderBy: { version: 'desc' },
    });
    expect(outbox.dedupeKey).toBe(`${cert.id}:${outbox.version}`);
    const row = await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id }, include: { holder: true } });
    const number = t.deps.fieldCrypto.decrypt(row.numberEnc, 'certificateNumber');
    const data = canonicalDataOf(row, number, getCertificateType(row.typeCode)!);
    expect(data.extension.firstIssuedDate).toBe('2010-01-02');
    expect(verifyCanonical(data, Buffer.from(updated.signature!), t.deps.keys.signing.publicKey)).toBe(true);
  });

  it('staff see their region only: the Guangzhou reviewer gets 403 for Shenzhen, and a Shenzhen task is a 404', async () => {
    expect((await call(reviewer, 'GET', '/api/v1/staff/compliance/rates?areaCode=440300')).status).toBe(403);
    const zhao = await holderOf('driver-mismatch'); // issued in Shenzhen (440300)
    const task = await t.prisma.completionTask.findFirstOrThrow({ where: { holderId: zhao.id } });
    expect((await call(reviewer, 'GET', `/api/v1/staff/completion-tasks/${task.id}`)).status).toBe(404);
    expect((await call(steward, 'GET', `/api/v1/staff/completion-tasks/${task.id}`)).status).toBe(200);
  });

  it('rates: by type, area, carrier and rule, a CSV of the failing records (masked), and a batch run', async () => {
    const figures = await rates(steward);
    expect(figures.areaCode).toBe('440000');
    expect(figures.target).toBe(0.95);
    expect(figures.total).toBeGreaterThan(0);
    expect(figures.byArea.map((a) => a.label)).toEqual(expect.arrayContaining(['广州市', '深圳市']));
    expect(figures.byType.reduce((n, r) => n + r.total, 0)).toBe(figures.total);
    expect(figures.byRule.find((r) => r.ruleId === 'RE.licence-class-matches-category')?.failing).toBe(1);

    const failing = await call(
      steward,
      'GET',
      '/api/v1/staff/compliance/failing?ruleId=RE.licence-class-matches-category',
    );
    expect(failing.body.total).toBe(1);
    expect(failing.body.items![0]).toMatchObject({ holderName: '赵*' });
    // Without a rule: the non-compliant certificates, as many as the rate leaves out.
    const nonCompliant = await call(steward, 'GET', '/api/v1/staff/compliance/failing?pageSize=100');
    expect(nonCompliant.body.total).toBe(figures.total - figures.compliant);
    const csv = await call(steward, 'GET', '/api/v1/staff/compliance/failing.csv');
    expect(csv.res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(String(csv.body)).toContain('赵*');
    expect(String(csv.body)).not.toContain('赵磊');

    expect((await call(reviewer, 'POST', '/api/v1/staff/compliance/runs')).status).toBe(403);
    const started = await call(steward, 'POST', '/api/v1/staff/compliance/runs');
    expect(started.status).toBe(202);
    for (let i = 0; i < 50; i++) {
      const runs = await call(steward, 'GET', '/api/v1/staff/compliance/runs');
      if (runs.body.items![0]!.state === 'DONE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const runs = await call(steward, 'GET', '/api/v1/staff/compliance/runs');
    expect(runs.body.items![0]).toMatchObject({ state: 'DONE', total: figures.total, compliant: figures.compliant });
    const trend = (await rates(steward)).trend;
    expect(trend.at(-1)).toMatchObject({ day: chinaToday(), total: figures.total, compliant: figures.compliant });
  });
});
