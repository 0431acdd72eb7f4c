import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresentationBatch } from '@roadcert/shared';
import { heldQrAt } from '@roadcert/shared/presentation';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { auditRows, demo } from '../../test/identity-steps';
import { verifyAuditChain } from '../../lib/audit';

// Issue 12, "People who leave": removing a member, changing their role or unassigning a
// driver stops the tokens they fetched; presenting needs MANAGER+ or an assigned vehicle.

let t: TestApp;
let rep: { token: string; accountId: string; phone: string };
let operatorId: string;
/** 粤A3K7Q2's 道路运输证 (electronic, activated: presentable) and 粤A6M2X9's (another vehicle). */
let certA: { id: string; vehicleId: string };
let certB: { id: string };
const operator = demo('operator');
const legalRep = demo('operator-legal-rep');

beforeAll(async () => {
  // Read the certificate state on every verification: the test checks the database, not the cache window.
  t = await startTestApp({ env: { PRESENTATION_STATE_CACHE_MS: '0' } });
  rep = await signInAccount(t, { holderKey: 'operator-legal-rep' });
  const activated = await t.api('/api/v1/operators/activate', {
    token: rep.token,
    body: { creditCode: operator.identityCode, legalRepName: legalRep.name, legalRepIdNumber: legalRep.identityCode },
  });
  expect(activated.status, activated.text).toBe(200);
  operatorId = (await t.prisma.holder.findUniqueOrThrow({ where: { creditCode: operator.identityCode } })).id;
  const a = await t.prisma.certificate.findFirstOrThrow({ where: { vehicle: { plateNumber: '粤A3K7Q2' } } });
  certA = { id: a.id, vehicleId: a.vehicleId! };
  certB = await t.prisma.certificate.findFirstOrThrow({ where: { vehicle: { plateNumber: '粤A6M2X9' } } });
});
afterAll(() => t?.close());

const batch = (token: string, id: string) => t.api(`/api/v1/me/certificates/${id}/presentation?hours=1`, { token });
const firstToken = async (token: string, id: string) => {
  const res = await batch(token, id);
  expect(res.status, res.text).toBe(200);
  return heldQrAt(res.json as PresentationBatch, Date.now())!.qrText;
};
const verdict = async (qrText: string) => (await t.api('/api/v1/verify', { body: { token: qrText } })).json;
const addMember = (phone: string, role: string) =>
  t.api(`/api/v1/operators/${operatorId}/members`, { token: rep.token, body: { phone, role } });
const assignments = `/api/v1/operators/${'{id}'}/vehicle-assignments`;
const assignmentsOf = (id: string) => assignments.replace('{id}', id);

describe('members who leave', () => {
  // Presenting needs a real-name bound account (the route's access is 'holder'): staff are bound people.
  it("a removed MANAGER's previously fetched token fails online verification; the others refetch", async () => {
    const manager = await signInAccount(t, { holderKey: 'driver-paper' });
    const added = await addMember(manager.phone, 'MANAGER');
    expect(added.status).toBe(201);
    const old = await firstToken(manager.token, certA.id);
    expect((await verdict(old)).verdict).toBe('VALID');
    const repOld = await firstToken(rep.token, certA.id);

    const revoked = await t.api(`/api/v1/operators/${operatorId}/members/${added.json.id}`, {
      method: 'DELETE',
      token: rep.token,
    });
    expect(revoked.status).toBe(200);
    expect(await verdict(old)).toMatchObject({ verdict: 'NOT_VALID', reason: '证照状态已变更，此核验码已失效' });
    expect((await batch(manager.token, certA.id)).status).toBe(404);
    // The legal representative's batch died too (one epoch per certificate); a new one verifies.
    expect((await verdict(repOld)).verdict).toBe('NOT_VALID');
    expect((await verdict(await firstToken(rep.token, certA.id))).verdict).toBe('VALID');
    const [row] = await auditRows(t, 'operator.member_revoke');
    expect(row!.detail).toMatchObject({ operatorId, role: 'MANAGER', certificatesEpochBumped: 6 });
  });

  it('a role change MANAGER → VIEWER stops the tokens fetched as MANAGER, and the VIEWER cannot fetch new ones', async () => {
    const manager = await signInAccount(t, { holderKey: 'driver-ic' });
    expect((await addMember(manager.phone, 'MANAGER')).status).toBe(201);
    const old = await firstToken(manager.token, certA.id);
    expect((await verdict(old)).verdict).toBe('VALID');

    const changed = await addMember(manager.phone, 'VIEWER');
    expect(changed.json.role).toBe('VIEWER');
    expect((await verdict(old)).verdict).toBe('NOT_VALID');
    const refused = await batch(manager.token, certA.id);
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('FORBIDDEN');
    const rows = await auditRows(t, 'operator.member_add');
    expect(rows.at(-1)!.detail).toMatchObject({ role: 'VIEWER', previousRole: 'MANAGER', certificatesEpochBumped: 6 });
  });

  it('a VIEWER reads the certificate but gets 403 on the token fetch (presenting is acting)', async () => {
    const viewer = await signInAccount(t, { holderKey: 'driver-ride-hailing' });
    expect((await addMember(viewer.phone, 'VIEWER')).status).toBe(201);
    expect((await t.api(`/api/v1/me/certificates/${certA.id}`, { token: viewer.token })).status).toBe(200);
    const refused = await batch(viewer.token, certA.id);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('查看人员不能出示企业证照');
    const denied = await t.prisma.auditLog.findFirst({
      where: { action: 'certificate.access_denied', actorId: viewer.accountId },
    });
    expect(denied?.detail).toEqual({ need: 'present', reason: 'viewer_cannot_present' });
  });
});

describe('drivers (随车人员)', () => {
  let driver: { token: string; accountId: string; phone: string };
  let assignmentId: string;

  beforeAll(async () => {
    driver = await signInAccount(t, { holderKey: 'driver-electronic' });
  });

  it('only MANAGER+ assigns: a VIEWER gets 403, a stranger 404; unknown or unbound drivers and foreign vehicles are refused', async () => {
    const viewer = await signInAccount(t);
    expect((await addMember(viewer.phone, 'VIEWER')).status).toBe(201);
    const body = { vehicleId: certA.vehicleId, phone: driver.phone };
    expect((await t.api(assignmentsOf(operatorId), { token: viewer.token, body })).status).toBe(403);
    expect((await t.api(assignmentsOf(operatorId), { token: driver.token, body })).status).toBe(404);
    expect((await t.api(assignmentsOf(operatorId), { token: driver.token })).status).toBe(404);

    const unbound = await signInAccount(t);
    const notBound = await t.api(assignmentsOf(operatorId), {
      token: rep.token,
      body: { ...body, phone: unbound.phone },
    });
    expect(notBound.status).toBe(409);
    expect(notBound.json.message).toContain('实名认证');
    const unknown = await t.api(assignmentsOf(operatorId), {
      token: rep.token,
      body: { ...body, phone: '13700000000' },
    });
    expect(unknown.status).toBe(404);
    const otherVehicle = await t.prisma.vehicle.create({
      data: {
        operatorId: (await t.prisma.holder.findFirstOrThrow({ where: { kind: 'PERSON' } })).id,
        plateNumber: '粤Z0000测',
        plateColour: '1',
      },
    });
    const foreign = await t.api(assignmentsOf(operatorId), {
      token: rep.token,
      body: { ...body, vehicleId: otherVehicle.id },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json.fields).toHaveProperty('vehicleId');
    expect(await t.prisma.vehicleAssignment.count()).toBe(0);
  });

  it('a MANAGER assigns a driver to a vehicle; assigning again returns the same assignment', async () => {
    const manager = await signInAccount(t);
    expect((await addMember(manager.phone, 'MANAGER')).status).toBe(201);
    const vehicles = await t.api(`/api/v1/operators/${operatorId}/vehicles`, { token: manager.token });
    expect(vehicles.json.items.map((v: { id: string }) => v.id)).toContain(certA.vehicleId);
    const body = { vehicleId: certA.vehicleId, phone: driver.phone };
    const res = await t.api(assignmentsOf(operatorId), { token: manager.token, body });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ vehicleId: certA.vehicleId, plateNumber: '粤A3K7Q2', revokedAt: null });
    expect(res.json.driverNameMasked).toMatch(/\*/);
    expect(res.text).not.toContain(driver.phone);
    assignmentId = res.json.id;
    expect((await t.api(assignmentsOf(operatorId), { token: manager.token, body })).json.id).toBe(assignmentId);
    const list = await t.api(assignmentsOf(operatorId), { token: rep.token });
    expect(list.json.items).toHaveLength(1);
    const [row] = await auditRows(t, 'operator.vehicle_assign');
    expect(row).toMatchObject({ outcome: 'FAILED' });
    expect(
      (await t.prisma.auditLog.findMany({ where: { action: 'operator.vehicle_assign', outcome: 'OK' } })).map(
        (r) => r.actorId,
      ),
    ).toEqual([manager.accountId]);
  });

  it("the driver's wallet shows the vehicle's certificate as DRIVER; he fetches tokens for it only, 404 for the operator's others", async () => {
    const wallet = await t.api('/api/v1/me/certificates', { token: driver.token });
    const operatorItems = wallet.json.items.filter((c: { operatorName: string | null }) => c.operatorName);
    expect(operatorItems).toEqual([
      expect.objectContaining({
        id: certA.id,
        plateNumber: '粤A3K7Q2',
        operatorName: operator.name,
        operatorRole: 'DRIVER',
      }),
    ]);
    expect((await verdict(await firstToken(driver.token, certA.id))).verdict).toBe('VALID');
    expect((await batch(driver.token, certB.id)).status).toBe(404);
    expect((await t.api(`/api/v1/me/certificates/${certB.id}`, { token: driver.token })).status).toBe(404);
    // Presenting is all: no activation or other business on the operator's certificate.
    const act = await t.api(`/api/v1/me/certificates/${certA.id}/activate`, { method: 'POST', token: driver.token });
    expect(act.status).toBe(403);
  });

  it("unassigning kills the driver's fetched tokens and ends his access", async () => {
    const old = await firstToken(driver.token, certA.id);
    const res = await t.api(`${assignmentsOf(operatorId)}/${assignmentId}`, { method: 'DELETE', token: rep.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.revokedAt).not.toBeNull();
    expect(await verdict(old)).toMatchObject({ verdict: 'NOT_VALID', reason: '证照状态已变更，此核验码已失效' });
    expect((await batch(driver.token, certA.id)).status).toBe(404);
    const wallet = await t.api('/api/v1/me/certificates', { token: driver.token });
    expect(wallet.json.items.some((c: { id: string }) => c.id === certA.id)).toBe(false);
    // Only that vehicle's certificates were re-keyed: 粤A6M2X9's epoch did not move.
    const [row] = await auditRows(t, 'operator.vehicle_unassign');
    expect(row!.detail).toMatchObject({ vehicleId: certA.vehicleId, certificatesEpochBumped: 1 });
    // Again: already ended, no second audit row.
    expect(
      (await t.api(`${assignmentsOf(operatorId)}/${assignmentId}`, { method: 'DELETE', token: rep.token })).status,
    ).toBe(200);
    expect(await auditRows(t, 'operator.vehicle_unassign')).toHaveLength(1);
    expect((await t.api(`${assignmentsOf(operatorId)}/nope`, { method: 'DELETE', token: rep.token })).status).toBe(404);
    expect((await verifyAuditChain(t.prisma)).ok).toBe(true);
  });
});
