import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHolders } from '../../seed/demo-holders';
import { staffSessionToken, startTestApp, type TestApp } from '../../test/app';

let t: TestApp;
let reviewer: string;
beforeAll(async () => {
  t = await startTestApp();
  reviewer = await staffSessionToken(t, 'reviewer');
});
afterAll(() => t?.close());

const operatorCode = demoHolders.find((h) => h.key === 'operator')!.identityCode;

async function change(id: string, body: unknown) {
  const res = await fetch(`${t.baseUrl}/api/v1/staff/operators/${id}/business-status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("POST /api/v1/staff/operators/:id/business-status (the operator's own status change)", () => {
  it('refuses a code outside JT/T 415 and an unknown operator (404, audited), changing nothing', async () => {
    const operator = await t.prisma.holder.findFirstOrThrow({ where: { creditCode: operatorCode } });
    expect((await change(operator.id, { businessStatus: '7', reason: '测试' })).status).toBe(400);
    const unknown = '0190d8d2-0000-7000-8000-0000000000ff';
    expect((await change(unknown, { businessStatus: '6', reason: '注销登记' })).status).toBe(404);
    expect(await t.prisma.auditLog.count({ where: { action: 'operator.access_denied', subjectId: unknown } })).toBe(1);
    expect((await t.prisma.holder.findUniqueOrThrow({ where: { id: operator.id } })).businessStatus).toBe('1');
  });

  it('注销: every fetched token of its certificates stops (epoch +1), and its valid certificates become a staff task', async () => {
    const operator = await t.prisma.holder.findFirstOrThrow({ where: { creditCode: operatorCode } });
    const before = await t.prisma.certificate.findMany({ where: { holderId: operator.id }, orderBy: { id: 'asc' } });
    const res = await change(operator.id, { businessStatus: '6', reason: '已办理注销登记' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ businessStatus: '6', businessEnded: true, certificatesStopped: before.length });
    const after = await t.prisma.certificate.findMany({ where: { holderId: operator.id }, orderBy: { id: 'asc' } });
    expect(after.map((c) => c.presentationEpoch)).toEqual(before.map((c) => c.presentationEpoch + 1));
    const tasks = await t.prisma.completionTask.findMany({
      where: { holderId: operator.id, ruleCode: 'operator.business-status', state: 'OPEN' },
    });
    expect(tasks.length).toBe(before.filter((c) => c.status === 'VALID').length);
    expect(tasks.every((task) => task.fixableBy === 'staff')).toBe(true);
    expect(
      await t.prisma.auditLog.count({ where: { action: 'operator.business_status', subjectId: operator.id } }),
    ).toBe(1);
  });
});
