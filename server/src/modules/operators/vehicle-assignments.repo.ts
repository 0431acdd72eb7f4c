import type { Db } from '../../db/unit-of-work';

/** What an assignment listing shows: the vehicle's plate and the driver, masked. */
const assignmentSelect = {
  id: true,
  vehicleId: true,
  accountId: true,
  assignedAt: true,
  revokedAt: true,
  vehicle: { select: { plateNumber: true } },
  account: { select: { phoneMasked: true, holder: { select: { kind: true, name: true } } } },
} as const;

/** The operator's vehicles and the drivers (随车人员) assigned to them. */
export function createVehicleAssignmentRepo(db: Db) {
  return {
    listVehicles: (operatorId: string) =>
      db.vehicle.findMany({
        where: { operatorId },
        select: { id: true, plateNumber: true, plateColour: true },
        orderBy: [{ plateNumber: 'asc' }, { plateColour: 'asc' }],
      }),

    /** The vehicle, when it is this operator's (null otherwise). */
    findVehicle: (operatorId: string, vehicleId: string) =>
      db.vehicle.findFirst({ where: { id: vehicleId, operatorId }, select: { id: true } }),

    /** The account signed in with this phone (blind index), and whether it is bound to a person. */
    /** By the phone's digests (one per blind-index key while a rotation runs). */
    findDriverByPhoneHash: (phoneHashes: string[]) =>
      db.account.findFirst({
        where: { phoneHash: { in: phoneHashes } },
        select: { id: true, holder: { select: { kind: true } } },
      }),

    findLive: (operatorId: string, vehicleId: string, accountId: string) =>
      db.vehicleAssignment.findFirst({
        where: { operatorId, vehicleId, accountId, revokedAt: null },
        select: assignmentSelect,
      }),

    create: (data: {
      operatorId: string;
      vehicleId: string;
      accountId: string;
      assignedById: string;
      assignedAt: Date;
    }) => db.vehicleAssignment.create({ data, select: assignmentSelect }),

    /** Live assignments first, then by time. */
    list: (operatorId: string) =>
      db.vehicleAssignment.findMany({
        where: { operatorId },
        orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { assignedAt: 'asc' }],
        select: assignmentSelect,
      }),

    /** One assignment of this operator (null when the id is another operator's, or unknown). */
    find: (operatorId: string, assignmentId: string) =>
      db.vehicleAssignment.findFirst({ where: { id: assignmentId, operatorId }, select: assignmentSelect }),

    get: (assignmentId: string) =>
      db.vehicleAssignment.findUniqueOrThrow({ where: { id: assignmentId }, select: assignmentSelect }),

    /**
     * Ends every live assignment of this driver to this vehicle (two concurrent assignments
     * may have left two rows; unassigning must end both).
     */
    revokeLive: (operatorId: string, vehicleId: string, accountId: string, at: Date) =>
      db.vehicleAssignment.updateMany({
        where: { operatorId, vehicleId, accountId, revokedAt: null },
        data: { revokedAt: at },
      }),
  };
}

export type VehicleAssignmentRepo = ReturnType<typeof createVehicleAssignmentRepo>;
export type AssignmentRow = Awaited<ReturnType<VehicleAssignmentRepo['get']>>;
