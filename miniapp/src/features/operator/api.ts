import {
  operatorMemberListSchema,
  operatorVehicleListSchema,
  vehicleAssignmentListSchema,
  type OperatorRole,
} from '@roadcert/shared';
import { deleteJson, getJson, postJson } from '../../lib/request';

export type OperatorMember = ReturnType<typeof operatorMemberListSchema.parse>['items'][number];

/** The legal representative activates the operator: USCC + their own name and ID number. */
export async function activateOperator(input: {
  creditCode: string;
  legalRepName: string;
  legalRepIdNumber: string;
}): Promise<void> {
  await postJson('/api/v1/operators/activate', { ...input });
}

export async function fetchOperatorMembers(operatorId: string): Promise<OperatorMember[]> {
  const list = await getJson(`/api/v1/operators/${encodeURIComponent(operatorId)}/members`, operatorMemberListSchema);
  return list.items;
}

export async function addOperatorMember(
  operatorId: string,
  input: { phone: string; role: Exclude<OperatorRole, 'LEGAL_REPRESENTATIVE'> },
): Promise<void> {
  await postJson(`/api/v1/operators/${encodeURIComponent(operatorId)}/members`, { ...input });
}

export async function revokeOperatorMember(operatorId: string, memberId: string): Promise<void> {
  await deleteJson(`/api/v1/operators/${encodeURIComponent(operatorId)}/members/${encodeURIComponent(memberId)}`);
}

export type OperatorVehicle = ReturnType<typeof operatorVehicleListSchema.parse>['items'][number];
export type DriverAssignment = ReturnType<typeof vehicleAssignmentListSchema.parse>['items'][number];

export async function fetchOperatorVehicles(operatorId: string): Promise<OperatorVehicle[]> {
  return (await getJson(`/api/v1/operators/${encodeURIComponent(operatorId)}/vehicles`, operatorVehicleListSchema))
    .items;
}

export async function fetchDriverAssignments(operatorId: string): Promise<DriverAssignment[]> {
  const path = `/api/v1/operators/${encodeURIComponent(operatorId)}/vehicle-assignments`;
  return (await getJson(path, vehicleAssignmentListSchema)).items;
}

/** 安排随车人员: the driver's phone (signed in and real-name bound) and one of the operator's vehicles. */
export async function assignDriver(operatorId: string, input: { vehicleId: string; phone: string }): Promise<void> {
  await postJson(`/api/v1/operators/${encodeURIComponent(operatorId)}/vehicle-assignments`, { ...input });
}

export async function unassignDriver(operatorId: string, assignmentId: string): Promise<void> {
  await deleteJson(
    `/api/v1/operators/${encodeURIComponent(operatorId)}/vehicle-assignments/${encodeURIComponent(assignmentId)}`,
  );
}
