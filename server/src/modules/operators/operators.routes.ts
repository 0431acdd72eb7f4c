import { z } from 'zod';
import {
  accountProfileSchema,
  operatorActivateSchema,
  operatorMemberAddSchema,
  operatorMemberListSchema,
  operatorMemberSchema,
  operatorBusinessStatusChangeSchema,
  operatorVehicleListSchema,
  staffOperatorStatusSchema,
  vehicleAssignmentCreateSchema,
  vehicleAssignmentListSchema,
  vehicleAssignmentSchema,
} from '@roadcert/shared';
import type { createRouteTable } from '../../http/route';
import { auditActor, buildAccountProfile, currentAccountId, currentHolderId } from '../account';
import { activateOperator } from './activate-operator';
import { createOperatorMembers } from './operator-members';
import { createOperatorStatus } from './operator-status';
import { createOperatorsModule, type OperatorsDeps } from './operators.module';
import { createVehicleAssignments } from './vehicle-assignments';

const operatorParams = z.object({ id: z.string().max(100) });

/** Operators (业户): activation by the legal representative, and the staff they authorise. */
export function operatorRoutes({ route }: ReturnType<typeof createRouteTable>, deps: OperatorsDeps) {
  const operators = createOperatorsModule(deps);
  const members = createOperatorMembers(operators);
  const assignments = createVehicleAssignments(operators);
  const changeBusinessStatus = createOperatorStatus(operators, deps.compliance);

  route({
    method: 'post',
    path: '/api/v1/staff/operators/:id/business-status',
    summary:
      "Staff change an operator's 经营状态 (JT/T 415 §5.3.1) in their region: every token fetched for its certificates stops verifying; the certificates are rechecked",
    tags: ['operators', 'staff'],
    access: 'staff',
    params: operatorParams,
    body: operatorBusinessStatusChangeSchema,
    response: staffOperatorStatusSchema,
    handler: async (ctx, { params, body }) => changeBusinessStatus(ctx.state, params.id, body),
  });

  route({
    method: 'post',
    path: '/api/v1/operators/activate',
    summary: "Activate an operator account as its legal representative (USCC + representative's name and ID)",
    tags: ['operators'],
    access: 'holder',
    body: operatorActivateSchema,
    response: accountProfileSchema,
    handler: async (ctx, { body }) => {
      const accountId = currentAccountId(ctx.state);
      await activateOperator(
        operators,
        { accountId, holderId: currentHolderId(ctx.state) },
        body,
        auditActor(ctx.state),
      );
      return buildAccountProfile(operators.data.repos, accountId, operators.config.face.windowMinutes);
    },
  });

  route({
    method: 'get',
    path: '/api/v1/operators/:id/members',
    summary: "The operator's legal representative and authorised staff (legal representative only)",
    tags: ['operators'],
    access: 'account',
    params: operatorParams,
    response: operatorMemberListSchema,
    handler: async (ctx, { params }) => members.list(currentAccountId(ctx.state), params.id, auditActor(ctx.state)),
  });

  route({
    method: 'post',
    path: '/api/v1/operators/:id/members',
    summary: 'Authorise a signed-in-before account (by phone) as MANAGER or VIEWER',
    tags: ['operators'],
    access: 'account',
    params: operatorParams,
    body: operatorMemberAddSchema,
    response: operatorMemberSchema,
    status: 201,
    handler: async (ctx, { params, body }) =>
      members.add(currentAccountId(ctx.state), params.id, body, auditActor(ctx.state)),
  });

  route({
    method: 'delete',
    path: '/api/v1/operators/:id/members/:memberId',
    summary: "Revoke a staff member's authorisation",
    tags: ['operators'],
    access: 'account',
    params: operatorParams.extend({ memberId: z.string().max(100) }),
    response: operatorMemberSchema,
    handler: async (ctx, { params }) =>
      members.revoke(currentAccountId(ctx.state), params.id, params.memberId, auditActor(ctx.state)),
  });

  route({
    method: 'get',
    path: '/api/v1/operators/:id/vehicles',
    summary: "The operator's vehicles, to assign drivers to (MANAGER and legal representative)",
    tags: ['operators'],
    access: 'account',
    params: operatorParams,
    response: operatorVehicleListSchema,
    handler: async (ctx, { params }) =>
      assignments.vehicles(currentAccountId(ctx.state), params.id, auditActor(ctx.state)),
  });

  route({
    method: 'get',
    path: '/api/v1/operators/:id/vehicle-assignments',
    summary:
      "Drivers (随车人员) assigned to the operator's vehicles, ended ones included (MANAGER and legal representative)",
    tags: ['operators'],
    access: 'account',
    params: operatorParams,
    response: vehicleAssignmentListSchema,
    handler: async (ctx, { params }) => assignments.list(currentAccountId(ctx.state), params.id, auditActor(ctx.state)),
  });

  route({
    method: 'post',
    path: '/api/v1/operators/:id/vehicle-assignments',
    summary: "Assign a real-name bound account (by phone) as driver of one of the operator's vehicles",
    tags: ['operators'],
    access: 'account',
    params: operatorParams,
    body: vehicleAssignmentCreateSchema,
    response: vehicleAssignmentSchema,
    status: 201,
    handler: async (ctx, { params, body }) =>
      assignments.assign(currentAccountId(ctx.state), params.id, body, auditActor(ctx.state)),
  });

  route({
    method: 'delete',
    path: '/api/v1/operators/:id/vehicle-assignments/:assignmentId',
    summary: "End a driver's assignment; the tokens they fetched for the vehicle stop verifying",
    tags: ['operators'],
    access: 'account',
    params: operatorParams.extend({ assignmentId: z.string().max(100) }),
    response: vehicleAssignmentSchema,
    handler: async (ctx, { params }) =>
      assignments.unassign(currentAccountId(ctx.state), params.id, params.assignmentId, auditActor(ctx.state)),
  });
}
