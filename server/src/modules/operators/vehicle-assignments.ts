import { maskHolderName, type VehicleAssignment } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AuditEntry } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { OperatorsModule } from './operators.module';
import type { AssignmentRow } from './vehicle-assignments.repo';

type Actor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;

export function presentAssignment(a: AssignmentRow): VehicleAssignment {
  return {
    id: a.id,
    vehicleId: a.vehicleId,
    plateNumber: a.vehicle.plateNumber,
    driverPhoneMasked: a.account.phoneMasked,
    driverNameMasked: a.account.holder ? maskHolderName(a.account.holder.kind, a.account.holder.name) : null,
    assignedAt: a.assignedAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
  };
}

/**
 * 随车人员: the operator's MANAGER or legal representative assigns a driver (an account that
 * has signed in and is real-name bound, found by its phone's blind index) to one of the
 * operator's vehicles. The driver then reads and presents that vehicle's certificates from
 * their own wallet, and nothing else of the operator (certificates/certificate-access.ts).
 * Unassigning bumps the presentation epoch of the vehicle's certificates, so the tokens the
 * driver fetched stop verifying online at once. Non-members asking get 404, VIEWERs 403;
 * every change and every refusal is audited.
 */
export function createVehicleAssignments({ fieldCrypto, data, audit }: OperatorsModule) {
  const { operators, vehicleAssignments } = data.repos;

  async function requireManager(accountId: string, operatorId: string, actor: Actor, need: string) {
    const member = isUuid(operatorId) ? await operators.findLiveRole(operatorId, accountId) : null;
    if (member && member.role !== 'VIEWER') return;
    await audit.record({
      ...actor,
      action: 'operator.access_denied',
      subjectType: 'holder',
      subjectId: operatorId,
      outcome: 'DENIED',
      detail: { need, role: member?.role ?? null },
    });
    if (!member) throw new AppError('NOT_FOUND');
    throw new AppError('FORBIDDEN', { message: '查看人员不能安排随车人员，请联系法定代表人或经办人' });
  }

  const failed = (actor: Actor, operatorId: string, reason: string) =>
    audit.record({
      ...actor,
      action: 'operator.vehicle_assign',
      subjectType: 'holder',
      subjectId: operatorId,
      outcome: 'FAILED',
      detail: { reason },
    });

  return {
    async vehicles(accountId: string, operatorId: string, actor: Actor) {
      await requireManager(accountId, operatorId, actor, 'list_vehicles');
      return { items: await vehicleAssignments.listVehicles(operatorId) };
    },

    async list(accountId: string, operatorId: string, actor: Actor) {
      await requireManager(accountId, operatorId, actor, 'list_assignments');
      return { items: (await vehicleAssignments.list(operatorId)).map(presentAssignment) };
    },

    async assign(accountId: string, operatorId: string, input: { vehicleId: string; phone: string }, actor: Actor) {
      await requireManager(accountId, operatorId, actor, 'assign_driver');
      const vehicle = await vehicleAssignments.findVehicle(operatorId, input.vehicleId);
      if (!vehicle) {
        await failed(actor, operatorId, 'vehicle_unknown');
        throw new AppError('NOT_FOUND', {
          message: '未找到本企业的该车辆',
          fields: { vehicleId: '该车辆不属于本企业' },
        });
      }
      const driver = await vehicleAssignments.findDriverByPhoneHash(fieldCrypto.blindIndexes(input.phone, 'phone'));
      if (!driver) {
        await failed(actor, operatorId, 'account_unknown');
        throw new AppError('NOT_FOUND', {
          message: '该手机号尚未登录过本服务，请对方先用该手机号登录一次后再安排',
          fields: { phone: '未找到使用该手机号登录过的用户' },
        });
      }
      // The person who shows the vehicle's certificate at a check must be identifiable.
      if (driver.holder?.kind !== 'PERSON') {
        await failed(actor, operatorId, 'driver_not_real_name');
        throw new AppError('CONFLICT', {
          message: '对方尚未完成实名认证，请对方先完成实名认证后再安排为随车人员',
          fields: { phone: '该用户尚未实名认证' },
        });
      }
      const live = await vehicleAssignments.findLive(operatorId, vehicle.id, driver.id);
      if (live) return presentAssignment(live);
      const row = await data.transaction(async (r) => {
        const created = await r.vehicleAssignments.create({
          operatorId,
          vehicleId: vehicle.id,
          accountId: driver.id,
          assignedById: accountId,
          assignedAt: new Date(),
        });
        await audit.record(
          {
            ...actor,
            action: 'operator.vehicle_assign',
            subjectType: 'vehicle_assignment',
            subjectId: created.id,
            outcome: 'OK',
            detail: { operatorId, vehicleId: vehicle.id, driverAccountId: driver.id },
          },
          r.tx,
        );
        return created;
      });
      return presentAssignment(row);
    },

    async unassign(accountId: string, operatorId: string, assignmentId: string, actor: Actor) {
      await requireManager(accountId, operatorId, actor, 'unassign_driver');
      const assignment = isUuid(assignmentId) ? await vehicleAssignments.find(operatorId, assignmentId) : null;
      if (!assignment) {
        await audit.record({
          ...actor,
          action: 'operator.access_denied',
          subjectType: 'vehicle_assignment',
          subjectId: assignmentId,
          outcome: 'DENIED',
          detail: { operatorId, need: 'unassign_driver' },
        });
        throw new AppError('NOT_FOUND');
      }
      if (assignment.revokedAt) return presentAssignment(assignment);
      const row = await data.transaction(async (r) => {
        await r.vehicleAssignments.revokeLive(operatorId, assignment.vehicleId, assignment.accountId, new Date());
        // The driver's fetched tokens would verify for up to a batch (72 h): bump the
        // vehicle's certificates' epoch (other presenters of them simply fetch again).
        const certificatesEpochBumped = await r.operators.bumpPresentationEpochs(operatorId, assignment.vehicleId);
        await audit.record(
          {
            ...actor,
            action: 'operator.vehicle_unassign',
            subjectType: 'vehicle_assignment',
            subjectId: assignment.id,
            outcome: 'OK',
            detail: { operatorId, vehicleId: assignment.vehicleId, certificatesEpochBumped },
          },
          r.tx,
        );
        return r.vehicleAssignments.get(assignment.id);
      });
      return presentAssignment(row);
    },
  };
}
