import { z } from 'zod';
import { operatorBusinessStatuses } from '../domain/codes';
import { operatorRoleList, phoneSchema } from './auth';

/**
 * How the caller reaches an operator's certificate: an operator role, or DRIVER (随车人员)
 * for the certificates of a vehicle the operator assigned to them (read and present only).
 */
export const certificateAccessRoleList = [...operatorRoleList, 'DRIVER'] as const;
export type CertificateAccessRole = (typeof certificateAccessRoleList)[number];
export const certificateAccessRoleLabels: Record<CertificateAccessRole, string> = {
  LEGAL_REPRESENTATIVE: '法定代表人',
  MANAGER: '经办人（可办理）',
  VIEWER: '查看人员',
  DRIVER: '随车人员（可亮证）',
};

/** One of the operator's vehicles, as the assignment page lists it. */
export const operatorVehicleSchema = z.object({
  id: z.string(),
  plateNumber: z.string(),
  plateColour: z.string(),
});
export const operatorVehicleListSchema = z.object({ items: z.array(operatorVehicleSchema) });
export type OperatorVehicle = z.infer<typeof operatorVehicleSchema>;

/** Assign a driver to a vehicle: the driver's account by its phone (signed in and real-name bound). */
export const vehicleAssignmentCreateSchema = z.object({
  vehicleId: z.uuid(),
  phone: phoneSchema,
});
export type VehicleAssignmentCreate = z.infer<typeof vehicleAssignmentCreateSchema>;

export const vehicleAssignmentSchema = z.object({
  id: z.string(),
  vehicleId: z.string(),
  plateNumber: z.string(),
  /** The driver: masked phone and masked name (the bound holder's). */
  driverPhoneMasked: z.string().nullable(),
  driverNameMasked: z.string().nullable(),
  assignedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type VehicleAssignment = z.infer<typeof vehicleAssignmentSchema>;
export const vehicleAssignmentListSchema = z.object({ items: z.array(vehicleAssignmentSchema) });
export type VehicleAssignmentList = z.infer<typeof vehicleAssignmentListSchema>;

/** Staff change an operator's 经营状态 (region-scoped), with a reason for the record. */
export const operatorBusinessStatusChangeSchema = z.object({
  businessStatus: z.enum(Object.keys(operatorBusinessStatuses) as [keyof typeof operatorBusinessStatuses]),
  reason: z.string().trim().min(2, '请填写原因').max(200),
});
export type OperatorBusinessStatusChange = z.infer<typeof operatorBusinessStatusChangeSchema>;

export const staffOperatorStatusSchema = z.object({
  operatorId: z.string(),
  name: z.string(),
  businessStatus: z.string(),
  /** 歇业 or 注销: the business ended. */
  businessEnded: z.boolean(),
  /** Certificates whose fetched presentation tokens stopped verifying. */
  certificatesStopped: z.number().int(),
});
export type StaffOperatorStatus = z.infer<typeof staffOperatorStatusSchema>;
