import { operatorMemberListSchema, type OperatorRole } from '@roadcert/shared';
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
